"""Cypher text that is the same for every graph: constraints and the
parameterised UNWIND upserts used over Bolt. Data never enters these strings."""

from __future__ import annotations

import re

from kg.schema import LABELS as SCHEMA_LABELS
from kg.schema import RELATIONS

__all__ = ["LABELS", "REL_KEYS", "constraint_queries", "upsert_nodes_query", "upsert_rels_query",
           "create_nodes_query", "create_rels_query", "check_name"]

LABELS = tuple(lab.name for lab in SCHEMA_LABELS)
# properties that, with the endpoints, identify one relationship (MERGE key)
REL_KEYS = {r.type: r.key for r in RELATIONS if r.key}

_NAME = re.compile(r"^[A-Z][A-Za-z_]*$")


def check_name(name: str) -> str:
    """Labels and types come from the schema, never from input; guard anyway."""
    if not _NAME.match(name):
        raise ValueError(f"not a schema name: {name!r}")
    return name


def constraint_queries() -> list[str]:
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{check_name(label)}) REQUIRE n.id IS UNIQUE"
        for label in LABELS
    ]


def upsert_nodes_query(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{check_name(label)} {{id: row.id}}) SET n += row.props"


def upsert_rels_query(start_label: str, rel_type: str, end_label: str) -> str:
    keys = REL_KEYS.get(rel_type, ())
    merge_props = ", ".join(f"{k}: row.props.{k}" for k in keys)
    merge_props = f" {{{merge_props}}}" if merge_props else ""
    return (
        f"UNWIND $rows AS row MATCH (a:{check_name(start_label)} {{id: row.start}}) "
        f"MATCH (b:{check_name(end_label)} {{id: row.end}}) "
        f"MERGE (a)-[r:{check_name(rel_type)}{merge_props}]->(b) SET r += row.props"
    )


def create_nodes_query(label: str) -> str:
    """For nodes known to be new (a first push into an empty database): no lookup before the write."""
    return f"UNWIND $rows AS row CREATE (n:{check_name(label)}) SET n = row.props"


def create_rels_query(start_label: str, rel_type: str, end_label: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{check_name(start_label)} {{id: row.start}}) "
        f"MATCH (b:{check_name(end_label)} {{id: row.end}}) "
        f"CREATE (a)-[r:{check_name(rel_type)}]->(b) SET r = row.props"
    )
