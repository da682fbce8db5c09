"""What reopening a linked store costs: rebuilding the cross-article indexes from the link tables.

Times ``StoreLinker.load`` (what the first linked write after opening a store does), split into
reading the story features and placing them; ``--replay`` also times the former way, placing each
article with ``StoryIndex.add`` (a story's norm recomputed on every article it gains), and checks
that both give the same stories and norms.

    .venv/bin/python benchmarks/link_reopen.py --db sqlite:////tmp/copy.db [--replay]
"""

from __future__ import annotations

import argparse
import time

from newsgraph.link.stories import StoryIndex
from newsgraph.store import Store, crossdoc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite path or postgresql:// URL of a linked store")
    parser.add_argument("--replay", action="store_true", help="also time placing each article with add()")
    args = parser.parse_args()
    with Store.open(args.db) as store, store.engine.connect() as conn:
        started = time.perf_counter()
        placed = crossdoc.read_story_features(conn)
        read = time.perf_counter() - started
        index = StoryIndex()
        started = time.perf_counter()
        index.load(placed)
        bulk = time.perf_counter() - started
        started = time.perf_counter()
        crossdoc.StoreLinker.load(conn)
        whole = time.perf_counter() - started
        print(f"{store.describe()}: {len(placed)} articles, {len(index.stories)} stories")
        print(f"read story features {read:.1f} s, StoryIndex.load {bulk:.1f} s, StoreLinker.load in all {whole:.1f} s")
        if args.replay:
            replayed = StoryIndex()
            started = time.perf_counter()
            for features, story_id in placed:
                replayed.add(features, story_id=story_id)
            print(f"replay with StoryIndex.add {time.perf_counter() - started:.1f} s")
            same = all(
                replayed.stories[k].norm == s.norm and replayed.stories[k].articles == s.articles
                for k, s in index.stories.items()
            )
            print(f"same stories and norms as the replay: {same and replayed.stories.keys() == index.stories.keys()}")


if __name__ == "__main__":
    main()
