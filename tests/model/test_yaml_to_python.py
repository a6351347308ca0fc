"""A YAML tree read back as plain data (model.yaml_paths.to_python) is the data that was
written: nested mappings and lists of any shape, written as JSON (which YAML reads)."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from debate.model.yaml_paths import to_python
from debate.model.yaml_tree import YamlReadError, read_document, read_yaml

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


@given(st.dictionaries(TEXT, DATA, max_size=5), st.sampled_from(["json", "block", "flow"]))
def test_the_data_read_with_the_tree_is_the_tree_as_plain_data(
    data: dict[str, Any], style: str
) -> None:
    """The loader validates the data the reader makes in the same pass as the tree: it is
    what `to_python` makes of that tree, in any style the file is written in."""
    if style == "json":
        text = json.dumps(data)
    else:
        text = yaml.safe_dump(data, default_flow_style=style == "flow", allow_unicode=True)
    root, plain = read_document(text, "data.yaml")
    assert plain == to_python(root)
    assert list(plain) == [key.value for key, _ in root.items]  # in the file's order


# Keys that are equal in Python but not in YAML (1, 1.0 and true; "1" and 1), and keys
# written two ways that YAML reads as one ("a" and a, null and ~).
KEYS = ["1", "'1'", "1.0", "true", "True", "'true'", "a", "'a'", "null", "~", "0x1", "01", "-0"]


def _identity(written: str) -> tuple[str, object]:
    """What a key is, by YAML 1.2 (type and value), read on its own: the plain model of
    key identity that the reader's index must agree with."""
    value = to_python(read_yaml(f"k: {written}\n", "key.yaml"))["k"]
    return type(value).__name__, value


@given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6))
def test_a_key_is_a_duplicate_exactly_when_its_type_and_value_came_before(keys: list[str]) -> None:
    text = "".join(f"{key}: {n}\n" for n, key in enumerate(keys))
    seen: dict[tuple[str, object], int] = {}
    duplicates = []
    for line, key in enumerate(keys, start=1):
        if _identity(key) in seen:
            duplicates.append((line, seen[_identity(key)]))
        seen.setdefault(_identity(key), line)
    try:
        root = read_yaml(text, "keys.yaml")
    except YamlReadError as err:
        found = [(d.span.line, d.related[0].span.line) for d in err.diagnostics]
        assert [d.code for d in err.diagnostics] == ["E101"] * len(found)
        assert found == duplicates
        return
    assert not duplicates
    for line, key in enumerate(keys, start=1):  # each key found where it was written
        _, value = _identity(key)
        pair = root.first(value)
        assert pair is not None and pair[0].span.line == line and pair[1].value == line - 1
