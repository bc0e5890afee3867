"""Review-metadata filters as SQL over ``reviews r`` (joined to the chunks being searched)."""

from __future__ import annotations

import sqlite3

from .types import Filters


def filter_sql(filters: Filters | None) -> tuple[str, list]:
    """An ``AND ...`` clause (or "") and its parameters, for a query that joins ``reviews r``."""
    if filters is None or filters.empty:
        return "", []
    clauses, params = [], []
    if filters.year_from is not None:
        clauses.append("r.year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append("r.year <= ?")
        params.append(filters.year_to)
    if filters.area:
        clauses.append("lower(r.area) = lower(?)")
        params.append(filters.area)
    if filters.review_type:
        clauses.append("instr(lower(r.type), lower(?)) > 0")
        params.append(filters.review_type)
    if filters.theme:
        clauses.append("EXISTS (SELECT 1 FROM json_each(r.keywords) k"
                       " WHERE instr(lower(k.value), lower(?)) > 0)")
        params.append(filters.theme)
    return " AND " + " AND ".join(clauses), params


def allowed_chunk_ids(db: sqlite3.Connection, filters: Filters) -> list[int]:
    """Every chunk whose review passes the filters (for restricting the dense search)."""
    where, params = filter_sql(filters)
    rows = db.execute(
        f"SELECT c.id FROM chunks c JOIN reviews r ON r.id = c.review_id WHERE 1 {where}", params)
    return [r[0] for r in rows]


def facets(db: sqlite3.Connection) -> dict[str, list]:
    """The values users can filter on: years, areas, review types, themes (by frequency)."""
    years = [r[0] for r in db.execute(
        "SELECT DISTINCT year FROM reviews WHERE year IS NOT NULL ORDER BY year")]
    areas = [r[0] for r in db.execute(
        "SELECT area FROM reviews WHERE area IS NOT NULL GROUP BY lower(area) ORDER BY area")]
    types = [r[0] for r in db.execute(
        "SELECT type FROM reviews WHERE type IS NOT NULL GROUP BY lower(type)"
        " ORDER BY count(*) DESC, type")]
    themes = [r[0] for r in db.execute(
        "SELECT lower(k.value) AS t FROM reviews r, json_each(r.keywords) k"
        " GROUP BY t HAVING count(*) >= 2 ORDER BY count(*) DESC, t LIMIT 60")]
    return {"years": years, "areas": areas, "types": types, "themes": themes}
