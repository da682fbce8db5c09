import newsgraph


def test_public_api_is_exactly_all() -> None:
    public = {name for name in dir(newsgraph) if not name.startswith("_")}
    modules = {"cli", "errors", "extract", "nlp", "records", "settings", "ingest", "evaluate", "report", "schema"}
    modules |= {"store", "batch", "link", "store_cli", "link_cli"}
    modules |= {"api", "web"}
    assert public - modules == set(newsgraph.__all__) - {"__version__"}
