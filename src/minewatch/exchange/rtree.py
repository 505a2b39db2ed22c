"""Bulk-load a SQLite R*Tree (the GeoPackage spatial index) by writing its nodes directly.

Inserting a million points one by one into an R*Tree costs 20-30 µs each here (20-30 s): every
insert descends the tree and splits nodes. GDAL bulk-loads its GeoPackage indexes instead,
and so does this module: points are packed Sort-Tile-Recursive (STR: sorted by x into vertical
slices, each slice sorted by y, then cut into full nodes), and the nodes are written into the
R*Tree's shadow tables (``_node``, ``_rowid``, ``_parent``) in SQLite's own format:

- a node is ``4 + 24 * 51`` bytes (the size SQLite picks for two dimensions on 4 KiB pages):
  a big-endian u16 tree depth (root only), a u16 cell count, then cells of a big-endian i64
  (row id in leaves, child node number above) and four big-endian f32 (minx, maxx, miny,
  maxy), rounded outwards as SQLite does so a box always contains its point;
- node 1 is the root; ``_rowid`` maps each row id to its leaf, ``_parent`` each node to its
  parent.

Points stream from SQLite already in STR order (``ORDER BY`` spills to disk, not to memory),
so memory stays flat; only the leaf boxes (one per 51 points) are kept for the upper levels.
``SELECT rtreecheck(...)`` (the tests run it) verifies the structure.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Any

import numpy as np

CELLS = 51  # RTREE_MAXCELLS: SQLite's maximum cells per node
NODE_SIZE = 4 + 24 * CELLS
_CELL = np.dtype(
    [("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")]
)
_CHUNK = CELLS * 400


def _down(values: Any) -> Any:
    """float32 at or below each value (SQLite's rtreeValueDown)."""
    f = values.astype(np.float32)
    return np.where(f > values, np.nextafter(f, np.float32(-np.inf)), f)


def _up(values: Any) -> Any:
    """float32 at or above each value (SQLite's rtreeValueUp)."""
    f = values.astype(np.float32)
    return np.where(f < values, np.nextafter(f, np.float32(np.inf)), f)


def _blobs(cells: Any, depth: int) -> list[bytes]:
    """Node blobs of consecutive groups of up to CELLS cells."""
    raw = cells.tobytes()
    out = []
    for start in range(0, len(cells), CELLS):
        count = min(CELLS, len(cells) - start)
        body = raw[start * 24 : (start + count) * 24]
        head = depth.to_bytes(2, "big") + count.to_bytes(2, "big")
        out.append((head + body).ljust(NODE_SIZE, b"\0"))
    return out


def _boxes(cells: Any) -> Any:
    """One cell per node of ``cells`` (groups of CELLS): the node's bounding box."""
    starts = np.arange(0, len(cells), CELLS)
    box = np.zeros(len(starts), dtype=_CELL)
    for name in ("minx", "miny"):
        box[name] = np.minimum.reduceat(cells[name], starts)
    for name in ("maxx", "maxy"):
        box[name] = np.maximum.reduceat(cells[name], starts)
    return box


def _str_order(box: Any) -> Any:
    """Sort-Tile-Recursive order of boxes (by centre)."""
    cx = (box["minx"].astype("f8") + box["maxx"]) / 2
    cy = (box["miny"].astype("f8") + box["maxy"]) / 2
    per = CELLS * math.ceil(math.sqrt(math.ceil(len(box) / CELLS)))
    by_x = np.argsort(cx, kind="stable")
    slices = np.arange(len(box)) // per
    return by_x[np.lexsort((cy[by_x], slices))]


def bulk_load(db: sqlite3.Connection, rtree: str, table: str, count: int) -> None:
    """Fill the empty R*Tree ``rtree`` with the points (``lon``, ``lat`` columns) of the
    ``count`` rows of ``table`` that have a geometry, keyed by ``fid``."""
    if count == 0:
        return
    leaves = math.ceil(count / CELLS)
    per = CELLS * math.ceil(math.sqrt(leaves))  # points per vertical slice (whole leaves)
    cursor = db.execute(
        f"SELECT fid, lon, lat FROM (SELECT fid, lon, lat, "
        f"(row_number() OVER (ORDER BY lon, fid) - 1) / {per} AS slice "
        f'FROM "{table}" WHERE geom IS NOT NULL) ORDER BY slice, lat, fid'
    )
    single = leaves == 1
    next_node = 1 if single else 2
    leaf_boxes = []
    seen = 0
    while rows := cursor.fetchmany(_CHUNK):
        seen += len(rows)
        data = np.array(rows, dtype="f8")
        cells = np.zeros(len(rows), dtype=_CELL)
        cells["id"] = data[:, 0].astype(np.int64)
        cells["minx"], cells["maxx"] = _down(data[:, 1]), _up(data[:, 1])
        cells["miny"], cells["maxy"] = _down(data[:, 2]), _up(data[:, 2])
        blobs = _blobs(cells, 0)
        numbers = range(next_node, next_node + len(blobs))
        next_node += len(blobs)
        db.executemany(
            f'INSERT OR REPLACE INTO "{rtree}_node" VALUES (?, ?)', zip(numbers, blobs, strict=True)
        )
        leaf_of = np.repeat(np.array(numbers, dtype=np.int64), CELLS)[: len(rows)]
        db.executemany(
            f'INSERT INTO "{rtree}_rowid" (rowid, nodeno) VALUES (?, ?)',
            zip(cells["id"].tolist(), leaf_of.tolist(), strict=True),
        )
        box = _boxes(cells)
        box["id"] = np.array(numbers, dtype=np.int64)
        leaf_boxes.append(box)
    if seen != count:  # the tree's shape was planned for ``count`` points
        raise ValueError(f"{table}: {seen} located rows, expected {count}")
    if single:
        return
    level = np.concatenate(leaf_boxes).astype(_CELL)  # concatenate drops the byte order
    depth = 0
    parents: list[tuple[int, int]] = []
    while len(level) > 1:
        depth += 1
        level = level[_str_order(level)]
        top = len(level) <= CELLS
        blobs = _blobs(level, depth if top else 0)
        numbers = range(1, 2) if top else range(next_node, next_node + len(blobs))
        next_node += 0 if top else len(blobs)
        db.executemany(
            f'INSERT OR REPLACE INTO "{rtree}_node" VALUES (?, ?)', zip(numbers, blobs, strict=True)
        )
        owner = np.repeat(np.array(numbers, dtype=np.int64), CELLS)[: len(level)]
        parents += zip(level["id"].tolist(), owner.tolist(), strict=True)
        box = _boxes(level)
        box["id"] = np.array(numbers, dtype=np.int64)
        level = box
    db.executemany(f'INSERT INTO "{rtree}_parent" VALUES (?, ?)', parents)
