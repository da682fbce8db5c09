"""What linking adds to ingesting into a large store: per article, and against analysis + storing.

Takes ``--sample`` articles of a linked store (e.g. the 18.8k Reuters collection), makes copies
with new ids (a suffix on the text, as ``link_cost.py`` does) and stores them into the same
store: twice with ``link=True``, once with ``link=False``. The first linked write, which rebuilds
the link indexes of the reopened store, is timed apart, and so is the first linked pass (a story's
claims are loaded the first time an article joins it); the linked figure is the second pass, into
stories already in memory, as in a long ingest. The analysis of the same texts is timed
too, so that the overhead is relative to what ingest pays per article. Work on a copy: it writes.

    .venv/bin/python benchmarks/link_overhead.py --db /tmp/copy.db [--sample 150]
"""

from __future__ import annotations

import argparse
import dataclasses
import time

from newsgraph.nlp import load_model
from newsgraph.nlp.analyze import analyze_documents, article_id
from newsgraph.records import Article, Document
from newsgraph.store import Store


def copy(article: Article, tag: str) -> Article:
    """The article with a new id and text (spans stay valid: the suffix is at the end)."""
    text = f"{article.text}\n[{tag}]"
    return dataclasses.replace(article, id=article_id(text), text=text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite path or postgresql:// URL of a linked store (a copy)")
    parser.add_argument("--sample", type=int, default=150)
    args = parser.parse_args()
    with Store.open(args.db) as store:
        ids = store.article_ids()
        step = max(1, len(ids) // (2 * args.sample + 1))
        sample = store.get_articles(ids[::step][: 2 * args.sample + 1])
        warm, linked, plain = sample[0], sample[1 : args.sample + 1], sample[args.sample + 1 :]
        nlp = load_model()
        started, cpu = time.perf_counter(), time.process_time()
        docs = [Document(a.text, title=a.title, published=a.published) for a in linked]
        list(analyze_documents(docs, nlp=nlp))
        analysis = (time.perf_counter() - started) / len(linked)
        analysis_cpu = (time.process_time() - cpu) / len(linked)
        started = time.perf_counter()
        store.add_article(copy(warm, "warm"))
        rebuild = time.perf_counter() - started
        started = time.perf_counter()
        for a in linked:
            store.add_article(copy(a, "cold"))
        cold = (time.perf_counter() - started) / len(linked)
        # Again into the same stories, whose claims are now in memory: what a long ingest pays per article.
        started, cpu = time.perf_counter(), time.process_time()
        for a in linked:
            store.add_article(copy(a, "on"))
        with_link = (time.perf_counter() - started) / len(linked)
        with_cpu = (time.process_time() - cpu) / len(linked)
        started, cpu = time.perf_counter(), time.process_time()
        for a in plain:
            store.add_article(copy(a, "off"), link=False)
        without = (time.perf_counter() - started) / len(plain)
        without_cpu = (time.process_time() - cpu) / len(plain)
        print(f"{store.describe()} ({store.backend}): {len(ids)} articles before")
        print(f"first linked write after opening (index rebuild): {rebuild:.1f} s")
        print(f"analysis {analysis * 1000:.1f} ms/article (batched nlp.pipe, this process)")
        print(f"add_article with link, first into each story {cold * 1000:.1f} ms (loads the story's claims)")
        print(f"add_article with link {with_link * 1000:.1f} ms, without {without * 1000:.1f} ms")
        link = with_link - without
        print(
            f"linking {link * 1000:.1f} ms/article = {link / (analysis + without) * 100:.1f} % "
            "of ingest without it (analysis + store)"
        )
        # CPU time of this process: steadier than wall time on a shared machine (SQLite runs in-process).
        link_cpu = with_cpu - without_cpu
        print(
            f"CPU: analysis {analysis_cpu * 1000:.1f} ms, add_article {with_cpu * 1000:.1f} / "
            f"{without_cpu * 1000:.1f} ms"
            f" with / without linking: linking {link_cpu / (analysis_cpu + without_cpu) * 100:.1f} % of ingest"
        )


if __name__ == "__main__":
    main()
