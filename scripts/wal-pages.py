#!/usr/bin/env python3
"""wal-pages.py DB [SKIP] — which B-trees the commits in DB's WAL wrote (docs/performance.md).

Reads DB-wal frame by frame (until the salt changes), groups the frames by commit and names
each page's B-tree with SQLite's dbstat (on a copy of DB + WAL, i.e. the pages' owners as of
the last commit). Prints frames per commit and pages per commit for each table and index,
after skipping the first SKIP commits (e.g. the logins of bench/case_load).

To keep a WAL to read: run the server on a fresh `tongban demo --bench` database, drive
bench/case_load for a few seconds with -c 1 --rate 0, then `kill -9` the server (a clean
shutdown checkpoints and deletes the WAL). The server's background checkpointer restarts the
WAL now and then, so the file holds the commits since the last restart.
"""
import collections
import shutil
import sqlite3
import struct
import sys
import tempfile

db = sys.argv[1]
skip = int(sys.argv[2]) if len(sys.argv) > 2 else 0
data = open(db + "-wal", "rb").read()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", data[:32])
commits, frames, off = [], [], 32
while off + 24 + page_size <= len(data):
    pgno, db_size, s1, s2 = struct.unpack(">4I", data[off:off + 16])
    if (s1, s2) != (salt1, salt2):
        break
    frames.append(pgno)
    if db_size:  # a commit frame
        commits.append(frames)
        frames = []
    off += 24 + page_size

with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(db, tmp + "/d.db")
    shutil.copy(db + "-wal", tmp + "/d.db-wal")
    con = sqlite3.connect(tmp + "/d.db")
    owner = {page: name for name, page in con.execute("SELECT name, pageno FROM dbstat")}
    con.close()

commits = commits[skip:]
n = max(len(commits), 1)
pages = collections.Counter(owner.get(p, "(new or free page)") for c in commits for p in c)
print(f"page_size={page_size} commits={len(commits)} frames_per_commit={sum(pages.values()) / n:.2f}")
for name, count in pages.most_common():
    print(f"  {name:40s} {count / n:.2f} pages/commit")
