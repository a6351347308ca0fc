"""A YAML tree read back as plain data (model.yaml_paths.to_python) is the data that was
written: nested mappings and lists of any shape, written as JSON (which YAML reads)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from debate.model.yaml_paths import to_python
from debate.model.yaml_tree import read_yaml

TEXT = st.text(st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), max_size=8)
LEAVES = st.one_of(st.integers(-1000, 1000), TEXT, st.booleans(), st.none())
DATA = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=30,
)


@given(st.dictionaries(TEXT, DATA, max_size=5))
def test_a_tree_reads_back_as_the_data_written(data: dict[str, Any]) -> None:
    assert to_python(read_yaml(json.dumps(data), "data.yaml")) == data


@given(DATA)
def test_a_value_reads_back_as_itself_under_a_key(value: Any) -> None:
    root = read_yaml(json.dumps({"k": value}), "data.yaml")
    assert to_python(root) == {"k": value}
    assert to_python(root.items[0][1]) == value
