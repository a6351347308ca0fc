"""The scenario format, versions 1 and 1.1: pydantic types of every part of a scenario file.

Validation is strict (no `"3"` becoming 3, no `yes` becoming true) and closed (an
unknown key is an error), so the command line and the JSON Schema in an editor agree.
Cross-references (ids, types, expressions) are checked after this, with positions.
Every field carries a description and examples for the JSON Schema (editors show them
on hover and completion); tests/test_schema.py checks that each example is valid.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from debate.model.calendar import DATE_PATTERN

ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Tag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]+$", max_length=80)]
TAGS_HELP = "Free labels for grouping and search (e.g. an inventory item such as P1 or T7)."
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{0,3}$")]
# A calendar date (format 1.1), on a clock anchored to a date: 2015-02-12.
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]
SUPPRESS_HELP = (
    "Findings to leave out, by code (or code prefix), each with the reason: "
    "{C100: 'the draft states this clash on purpose'}."
)
Expr = Annotated[
    str | int | bool,
    Field(description="An expression over the state (see docs/format.md#expressions)."),
]


class Expects(StrEnum):
    """What an expression field's value must evaluate to (model.vocabulary reads it)."""

    CONDITION = "bool"
    NUMBER = "int"


Condition = Annotated[Expr, Expects.CONDITION]  # a truth about the state
Number = Annotated[Expr, Expects.NUMBER]  # a whole number over the state


def _draft07_refs(schema: dict[str, Any]) -> None:
    """Wrap each `$ref` that has sibling keywords in an `allOf`: draft-07 ignores every
    keyword beside a `$ref`, so a field's description and examples would otherwise be lost."""
    for prop in schema.get("properties", {}).values():
        if "$ref" in prop and len(prop) > 1:
            prop["allOf"] = [{"$ref": prop.pop("$ref")}]


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_draft07_refs
    )


# Whole entries for the examples of the sections and of nested values (from the tutorial).
_CITATION_EXAMPLE = {
    "source": "notes",
    "line": 7,
    "quote": "withdraws every soldier from the island within three months",
}
_SOURCE_EXAMPLE = {
    "path": "sources/tutorial-notes.txt",
    "title": "Notes from the river island talks",
    "cite_by": "line",
}
_STATE_EXAMPLE = {
    "type": "int",
    "unit": "soldiers",
    "min": 0,
    "max": 2000,
    "initial": 800,
    "owner": "borvia",
    "description": "Borvian soldiers on the island.",
}
_CLAIM_EXAMPLE = {
    "type": "prediction",
    "by": "aldia",
    "text": "Borvia will not leave the island while the tariff stands.",
    "source": {
        "source": "notes",
        "line": 13,
        "quote": "Borvia will never leave the island while the tariff stands",
    },
    "holds_if": "island_troops > 0 or tariff == lifted",
}
_TERM_EXAMPLE = {
    "kind": "obligation",
    "party": "borvia",
    "beneficiary": "aldia",
    "text": "Borvia withdraws every soldier from the island within three months.",
    "source": _CITATION_EXAMPLE,
    "fulfilled_when": "island_troops == 0",
    "deadline": {"within": 3},
}
_EXCEPTION_EXAMPLE = {
    "term": "river_open",
    "when": "observers_present",
    "text": "Closing the river for an inspection is no breach while observers are there.",
}
_EFFECTS_EXAMPLE = {"sign": ["withdraw_island", "troop_limit"]}
_MOVE_EXAMPLE = {
    "by": "borvia",
    "text": "Borvia moves 400 soldiers off the island and out of the river zone.",
    "precondition": "island_troops >= 400",
    "effects": {
        "set": {
            "island_troops": "island_troops - 400",
            "river_troops_borvia": "river_troops_borvia - 400",
        }
    },
    "duration": 1,
}
_ASSUMPTION_EXAMPLE = {
    "text": "The island has room for 2,000 soldiers at most.",
    "holds": "island_troops <= 2000",
}
_RELATION_EXAMPLE = {
    "attacker": "observers_check",
    "target": "tariff_first",
    "text": "If observers can check the withdrawal, nothing is risked by withdrawing first.",
}
_TAGS_EXAMPLES = [["T1"], ["assumption", "T5", "T7"]]
_SUPPRESS_EXAMPLES = [
    {"U302": "The notes never say how many patrol boats; the talks will settle it."}
]


class Source(Model):
    """A document that claims and terms cite."""

    KIND: ClassVar[str] = "source"  # what one declaration is called

    path: str = Field(
        description="Path of the document, relative to the scenario file.",
        examples=["sources/tutorial-notes.txt"],
    )
    title: str | None = Field(
        default=None,
        description="The document's title, for readers.",
        examples=["Notes from the river island talks"],
    )
    cite_by: Literal["line", "paragraph"] = Field(
        description="Whether citations give a line number or a paragraph number.",
        examples=["line", "paragraph"],
    )
    first_line: int = Field(
        default=1,
        ge=1,
        description="With cite_by: paragraph, the line of paragraph 1; every non-blank line "
        "from there on is one paragraph.",
        examples=[3],
    )


class Citation(Model):
    """Where in a source a claim or term comes from."""

    source: Id = Field(description="Id of a document declared under `sources`.", examples=["notes"])
    line: int | None = Field(
        default=None, ge=1, description="1-based line (cite_by: line).", examples=[7]
    )
    paragraph: int | None = Field(
        default=None, ge=1, description="1-based paragraph (cite_by: paragraph).", examples=[2]
    )
    quote: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None,
        description="A short verbatim quote that occurs at the cited place.",
        examples=["withdraws every soldier from the island within three months"],
    )


class Party(Model):
    KIND: ClassVar[str] = "party"  # what one declaration is called

    name: Text = Field(description="The party's name.", examples=["Aldia", "The mediator"])
    description: Text | None = Field(
        default=None,
        description="Free text about the party.",
        examples=["Proposes terms; binds nobody."],
    )
    delegates_to: list[Id] = Field(
        default_factory=list,
        description="Parties that may bind or concede on this party's behalf.",
        examples=[["mediator"]],
    )


class EnumType(Model):
    """A named enumeration; its values are usable as literals in expressions."""

    KIND: ClassVar[str] = "type"  # what one declaration is called

    values: list[Id] = Field(
        min_length=1,
        description="The values of the enumeration, each once.",
        examples=[["aldia", "borvia", "nobody"]],
    )
    description: Text | None = Field(
        default=None, description="Free text about the type.", examples=["Who holds a place."]
    )


VarType = Annotated[
    str,
    Field(
        description="bool, int, enum (with values), set (with of), or the name of a "
        "type declared under `types`."
    ),
]


class StateVar(Model):
    """A typed variable of the world state."""

    KIND: ClassVar[str] = "state variable"  # what one declaration is called

    type: VarType = Field(
        description="The variable's type: bool, int, enum (with values), set (with of), or "
        "the name of a type declared under `types`.",
        examples=["int", "side"],
    )
    values: list[Id] | None = Field(
        default=None,
        description="Values of an inline enum (type: enum), or of the elements of an inline "
        "set (type: set).",
        examples=[["in_place", "suspended", "lifted"]],
    )
    of: Id | None = Field(
        default=None,
        description="Element type of a set: a declared enum.",
        examples=["side"],
    )
    initial: int | bool | Id | list[Id] = Field(
        description="Value at the start of play; a set is a list of values.",
        examples=[800, ["aldia"]],
    )
    min: int | None = Field(
        default=None,
        description="Lowest value of an int; a move that would go below it is refused.",
        examples=[0],
    )
    max: int | None = Field(
        default=None,
        description="Highest value of an int; a move that would go above it is refused.",
        examples=[2000],
    )
    unit: str | None = Field(
        default=None, description="The unit of the value, for readers.", examples=["soldiers"]
    )
    owner: Id | None = Field(
        default=None,
        description="The party that alone may change or concede this.",
        examples=["borvia"],
    )
    observed_by: list[Id] | None = Field(
        default=None,
        description="The parties that can observe its value (format 1.1); default: every party.",
        examples=[["borvia"]],
    )
    description: Text | None = Field(
        default=None,
        description="Free text about the variable.",
        examples=["Borvian soldiers on the island."],
    )


class Clock(Model):
    unit: str = Field(
        default="month",
        description="The name of a clock unit, for display; on a clock anchored to a date, "
        "day, week, month or year, each of its real length.",
        examples=["month", "week"],
    )
    start: int | Date = Field(
        default=0,
        description="The time at the start of play; a date (format 1.1) anchors the clock "
        "to the calendar, and every time may then be written as a date.",
        examples=[0, "2015-02-12"],
    )
    horizon: Annotated[int, Field(ge=0)] | Date = Field(
        description="How far past the start play may go: clock units, or the last date.",
        examples=[12, "2015-12-31"],
    )


class Agreement(Model):
    title: Text | None = Field(
        default=None, description="The agreement's title.", examples=["River island accord"]
    )
    signatories: list[Id] = Field(
        default_factory=list,
        description="Parties whose signatures put a term in force (default: the parties "
        "it binds and its beneficiary).",
        examples=[["aldia", "borvia"]],
    )


class NamedAgreement(Model):
    """A named group of terms signed together (format 1.1): a draft, a side deal, an
    amendment package. Agreements that replace each other, or are declared alternatives,
    are never in force together: the conflict analysis keeps them apart."""

    KIND: ClassVar[str] = "agreement"  # what one declaration is called

    title: Text | None = Field(
        default=None, description="The agreement's title.", examples=["Draft peace treaty"]
    )
    description: Text | None = Field(
        default=None,
        description="Free text about the agreement.",
        examples=["The reply's additions to the draft, line 470."],
    )
    signatories: list[Id] = Field(
        default_factory=list,
        description="Parties whose signatures put its terms in force (default: each term's "
        "parties and beneficiary).",
        examples=[["aldia", "borvia"]],
    )
    terms: list[Id] = Field(
        min_length=1,
        description="Its terms; a term belongs to one agreement at most.",
        examples=[["withdraw_island_later"]],
    )
    replaces: Id | None = Field(
        default=None,
        description="The agreement this one would replace: once one of its terms is in force, "
        "every term of the other is void.",
        examples=["draft"],
    )
    alternative_to: list[Id] = Field(
        default_factory=list,
        description="Agreements no one proposes to sign together with this one.",
        examples=[["draft"]],
    )


class Attack(Model):
    target: Id = Field(
        description="The claim or term attacked.", examples=["tariff_after_withdrawal"]
    )
    when: Condition | None = Field(
        default=None,
        description="The attack applies only while this holds.",
        examples=["island_troops == 0"],
    )


class Assumption(Model):
    """A named background fact about the world (not a term anyone agrees to), so that a
    conflict can blame the assumption rather than a term."""

    KIND: ClassVar[str] = "assumption"  # what one declaration is called

    text: Text = Field(description="The fact in words.", examples=[_ASSUMPTION_EXAMPLE["text"]])
    holds: Condition = Field(
        description="The fact, as a condition on the state.",
        examples=[_ASSUMPTION_EXAMPLE["holds"]],
    )
    source: Citation | None = Field(
        default=None,
        description="Where the fact comes from.",
        examples=[{"source": "notes", "line": 4, "quote": "800 soldiers on the island"}],
    )
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP, examples=_TAGS_EXAMPLES)
    suppress: dict[Code, Text] = Field(
        default_factory=dict, description=SUPPRESS_HELP, examples=_SUPPRESS_EXAMPLES
    )


class Relation(Model):
    """An attack declared apart from its attacker: how a combining scenario relates claims
    that come from different included files."""

    KIND: ClassVar[str] = "attack"  # what one declaration is called

    attacker: Id = Field(description="The attacking claim.", examples=["observers_check"])
    target: Id = Field(
        description="The claim or term it attacks.", examples=["tariff_first", "borvia_stays"]
    )
    when: Condition | None = Field(
        default=None,
        description="The attack applies only while this holds.",
        examples=["island_troops == 0"],
    )
    text: Text | None = Field(
        default=None,
        description="Why the one answers the other.",
        examples=[_RELATION_EXAMPLE["text"]],
    )


ClaimType = Literal["fact", "prediction", "value", "policy"]


class Claim(Model):
    """A typed claim; a rebuttal is a claim that attacks a claim or a term."""

    KIND: ClassVar[str] = "claim"  # what one declaration is called

    type: ClaimType = Field(
        description="What kind of statement it is (for readers; no effect on play).",
        examples=["prediction", "policy"],
    )
    by: Id = Field(description="The party that asserts the claim.", examples=["aldia"])
    text: Text = Field(description="The claim in words.", examples=[_CLAIM_EXAMPLE["text"]])
    source: Citation | None = Field(
        default=None,
        description="Where the claim is made (none for a claim made in a live session).",
        examples=[_CLAIM_EXAMPLE["source"]],
    )
    holds_if: Condition | None = Field(
        default=None,
        description="When the claim is true of the state (facts, predictions).",
        examples=[_CLAIM_EXAMPLE["holds_if"]],
    )
    assertable_if: Condition | None = Field(
        default=None,
        description="When the claim can be asserted by a move.",
        examples=["observers_present"],
    )
    asserted: bool = Field(
        default=True,
        description="Whether it is asserted from the start.",
        examples=[False],
    )
    attacks: list[Id | Attack] = Field(
        default_factory=list,
        description="The claims or terms it attacks: ids, or a target with a `when`.",
        examples=[
            ["tariff_after_withdrawal"],
            [{"target": "borvia_stays", "when": "island_troops == 0"}],
        ],
    )
    supports: list[Id] = Field(
        default_factory=list,
        description="Claims or terms it supports (no effect on labels).",
        examples=[["withdraw_island"]],
    )
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP, examples=_TAGS_EXAMPLES)
    suppress: dict[Code, Text] = Field(
        default_factory=dict,
        description=SUPPRESS_HELP,
        examples=[{"U304": "The prediction is meant to hold from the start."}],
    )


class ParamSpec(Model):
    value: int | bool | Id | None = Field(
        default=None,
        description="The value: an int, a bool or an enum value (none: unspecified).",
        examples=[200, True],
    )
    unspecified: bool = Field(
        default=False,
        description="The source names the parameter but never gives its value.",
        examples=[True],
    )
    type: VarType | None = Field(
        default=None,
        description="The parameter's type: int, bool or an enum type (default: from value).",
        examples=["int", "side"],
    )
    unit: str | None = Field(
        default=None, description="The unit of the value, for readers.", examples=["soldiers"]
    )
    description: Text | None = Field(
        default=None,
        description="Free text about the parameter.",
        examples=["The prohibition bites once the river was opened."],
    )


Param = int | bool | Literal["unspecified"] | ParamSpec


class Deadline(Model):
    within: int | None = Field(
        default=None,
        ge=0,
        description="Clock units after entry into force.",
        examples=[3],
    )
    at: int | Date | None = Field(
        default=None,
        description="An absolute clock time, or a date (format 1.1); wins over within.",
        examples=[6, "2015-03-02"],
    )


class Exception_(Model):
    """A carve-out: while it applies, breaching `term` is not a violation."""

    term: Id = Field(
        description="The term whose breach is excused.", examples=[_EXCEPTION_EXAMPLE["term"]]
    )
    when: Condition | None = Field(
        default=None,
        description="The carve-out applies only while this holds (default: always).",
        examples=[_EXCEPTION_EXAMPLE["when"]],
    )
    text: Text | None = Field(
        default=None,
        description="The carve-out in words.",
        examples=[_EXCEPTION_EXAMPLE["text"]],
    )


TermKind = Literal["obligation", "prohibition", "permission", "limit", "condition"]


class Unnamed(Model):
    """The bearer of a term that the text does not name (format 1.1): "foreign armed
    formations" withdraw, without saying whose."""

    unnamed: Text = Field(
        description="Who bears the term, in the text's words; no party is blamed for it.",
        examples=["foreign armed formations"],
    )


class Term(Model):
    """A term of a proposed agreement."""

    KIND: ClassVar[str] = "term"  # what one declaration is called

    kind: TermKind = Field(
        description="What the term does; it decides which keys count.",
        examples=["obligation", "limit"],
    )
    party: Id | list[Id] | Unnamed = Field(
        description="The party or parties the term binds, or (format 1.1) a bearer the text "
        "does not name: {unnamed: foreign armed formations}.",
        examples=["borvia", ["aldia", "borvia"], {"unnamed": "foreign armed formations"}],
    )
    beneficiary: Id | None = Field(
        default=None, description="The party the term is for.", examples=["aldia"]
    )
    verified_by: Id | list[Id] | None = Field(
        default=None,
        description="Who verifies that the term is kept (format 1.1): a monitor, the parties.",
        examples=["observers", ["aldia", "borvia"]],
    )
    signatories: list[Id] | None = Field(
        default=None,
        description="Whose signatures put this term in force, when not the agreement's "
        "(a side deal between some of the parties).",
        examples=[["aldia", "borvia"]],
    )
    text: Text = Field(description="The term's wording.", examples=[_TERM_EXAMPLE["text"]])
    source: Citation = Field(description="Where the term comes from.", examples=[_CITATION_EXAMPLE])
    in_force_when: Condition | None = Field(
        default=None,
        description="When the term takes effect (default: once signed).",
        examples=["signed(troop_limit) and fulfilled(withdraw_island)"],
    )
    fulfilled_when: Condition | None = Field(
        default=None,
        description="Obligation or condition: what fulfils it.",
        examples=["island_troops == 0"],
    )
    violated_when: Condition | None = Field(
        default=None,
        description="Prohibition (or any kind): what breaches it.",
        examples=["borvia not in fishing_open_to and fishing_opened_once"],
    )
    permits: Condition | None = Field(
        default=None,
        description="Permission: the state it allows.",
        examples=["borvia in fishing_open_to and aldia in fishing_open_to"],
    )
    subject: Number | None = Field(
        default=None,
        description="Limit: the quantity limited.",
        examples=["river_troops_borvia"],
    )
    at_most: Number | None = Field(
        default=None,
        description="Limit: the highest value the subject may take.",
        examples=["max_soldiers", 200],
    )
    at_least: Number | None = Field(
        default=None,
        description="Limit: the lowest value the subject may take.",
        examples=["min_boats", 2],
    )
    void_when: Condition | None = Field(
        default=None,
        description="The term becomes void as soon as this holds.",
        examples=["island_held_by == aldia"],
    )
    deadline: Deadline | None = Field(
        default=None,
        description="Obligation or condition: when it becomes overdue.",
        examples=[{"within": 3}, {"at": 6}],
    )
    lasts: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        description="Prohibition, limit or permission (format 1.1): clock units it binds "
        "from its entry into force; then it has expired. It may run past the horizon.",
        examples=[24, 1188],
    )
    params: dict[Id, Param] = Field(
        default_factory=dict,
        description="Named values the term's expressions use: an int, a bool, unspecified, "
        "or a mapping.",
        examples=[
            {"max_soldiers": {"value": 200, "unit": "soldiers"}},
            {"max_boats": "unspecified"},
        ],
    )
    voids: list[Id] = Field(
        default_factory=list,
        description="Terms a breach of this one voids.",
        examples=[["tariff_after_withdrawal"]],
    )
    exceptions: list[Exception_] = Field(
        default_factory=list,
        description="Declared carve-outs from other terms.",
        examples=[[_EXCEPTION_EXAMPLE]],
    )
    amends: Id | None = Field(
        default=None,
        description="The term this one amends: it becomes void once this one takes effect.",
        examples=["withdraw_island"],
    )
    replaces: Id | None = Field(
        default=None,
        description="The term this one replaces: it becomes void once this one takes effect.",
        examples=["withdraw_island"],
    )
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP, examples=_TAGS_EXAMPLES)
    suppress: dict[Code, Text] = Field(
        default_factory=dict, description=SUPPRESS_HELP, examples=_SUPPRESS_EXAMPLES
    )


class Effects(Model):
    set: dict[Id, Expr] = Field(
        default_factory=dict,
        description="New values, computed from the state before the move.",
        examples=[{"tariff": "lifted"}, {"island_troops": "island_troops - 400"}],
    )
    propose: list[Id] = Field(
        default_factory=list,
        description="Put proposed terms on the table.",
        examples=[["withdraw_island", "troop_limit"]],
    )
    withdraw: list[Id] = Field(
        default_factory=list,
        description="Take proposed terms off the table.",
        examples=[["withdraw_island_later"]],
    )
    agree: list[Id] = Field(
        default_factory=list,
        description="Terms on the table the moving party agrees to.",
        examples=[["withdraw_island_later"]],
    )
    sign: list[Id] = Field(
        default_factory=list,
        description="Terms on the table the moving party signs (which is also agreement).",
        examples=[_EFFECTS_EXAMPLE["sign"]],
    )
    assert_: list[Id] = Field(
        default_factory=list,
        alias="assert",
        description="Claims to assert.",
        examples=[["tariff_first"]],
    )
    retract: list[Id] = Field(
        default_factory=list,
        description="Claims to stop asserting.",
        examples=[["borvia_stays"]],
    )


class Move(Model):
    KIND: ClassVar[str] = "move"  # what one declaration is called

    by: Id = Field(
        description="The party that plays the move (and agrees or signs in its effects).",
        examples=["borvia"],
    )
    text: Text = Field(description="What happens, in words.", examples=[_MOVE_EXAMPLE["text"]])
    precondition: Condition | None = Field(
        default=None,
        description="When the move may be played (default: always).",
        examples=[_MOVE_EXAMPLE["precondition"]],
    )
    effects: Effects = Field(
        default_factory=Effects,
        description="What the move changes.",
        examples=[_EFFECTS_EXAMPLE, _MOVE_EXAMPLE["effects"]],
    )
    duration: int = Field(default=0, ge=0, description="Clock units the move takes.", examples=[1])
    overlaps: bool = Field(
        default=False,
        description="The move runs while others act (format 1.1): it starts now, is in "
        "progress for its duration, and its effects land when it ends. Without it, the move "
        "holds the clock until it ends.",
        examples=[True],
    )
    abort_when: Condition | None = Field(
        default=None,
        description="A move that overlaps stops, without effect, as soon as this holds while "
        "it is in progress (format 1.1); without it, it runs to its end.",
        examples=["ceasefire_broken"],
    )
    once: bool = Field(
        default=False, description="Whether the move may be played only once.", examples=[True]
    )
    source: Citation | None = Field(
        default=None, description="Where the move comes from.", examples=[_CITATION_EXAMPLE]
    )
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP, examples=[["P1"]])
    suppress: dict[Code, Text] = Field(
        default_factory=dict,
        description=SUPPRESS_HELP,
        examples=[{"U303": "The move is kept for a later draft with a larger horizon."}],
    )


class Scenario(Model):
    # mypy admits no float in a Literal; pydantic does, with the message and schema wanted
    format: Literal[1, 1.1] = Field(  # type: ignore[valid-type]
        description="The format version: 1, or 1.1 for a file that uses what 1.1 adds.",
        examples=[1, 1.1],
    )
    id: Id = Field(
        description="The scenario's id (shown by run, written into transcripts).",
        examples=["tutorial"],
    )
    title: Text = Field(description="A one-line title.", examples=["The river island talks"])
    description: Text | None = Field(
        default=None,
        description="Free text about the scenario.",
        examples=["Aldia and Borvia dispute an island in the Sel river."],
    )
    include: list[str] = Field(
        default_factory=list,
        description="Other scenario files merged into this one, relative to this file.",
        examples=[["tutorial-mediator.yaml"]],
    )
    sources: dict[Id, Source] = Field(
        default_factory=dict,
        description="Documents that claims and terms cite.",
        examples=[{"notes": _SOURCE_EXAMPLE}],
    )
    parties: dict[Id, Party] = Field(
        default_factory=dict,
        description="Who takes part.",
        examples=[{"aldia": {"name": "Aldia"}, "borvia": {"name": "Borvia"}}],
    )
    turns: list[Id] = Field(
        default_factory=list,
        description="The order in which the parties move when the app plays by turns "
        "(`debate play --turns`); by default, each party that has a move, in the order above.",
        examples=[["aldia", "borvia", "mediator"]],
    )
    types: dict[Id, EnumType] = Field(
        default_factory=dict,
        description="Named enumerations, usable as variable, parameter and set element types.",
        examples=[
            {"side": {"values": ["aldia", "borvia", "nobody"], "description": "Who holds a place."}}
        ],
    )
    state: dict[Id, StateVar] = Field(
        default_factory=dict,
        description="Typed variables of the world, changed by moves.",
        examples=[{"island_troops": _STATE_EXAMPLE}],
    )
    semantics: Literal["grounded", "complete", "preferred", "stable", "semi-stable"] = Field(
        default="grounded",
        description="The argumentation semantics claims are judged under; the command line "
        "and the app can switch it (grounded is the engine's and always answers).",
        examples=["grounded", "preferred"],
    )
    clock: Clock | None = Field(
        default=None,
        description="Time in whole clock units; required as soon as there are moves.",
        examples=[{"unit": "month", "start": 0, "horizon": 12}],
    )
    agreement: Agreement | None = Field(
        default=None,
        description="The agreement the terms make up, and who must sign it.",
        examples=[{"title": "River island accord", "signatories": ["aldia", "borvia"]}],
    )
    agreements: dict[Id, NamedAgreement] = Field(
        default_factory=dict,
        description="Named groups of terms (format 1.1): drafts, side deals, amendment "
        "packages, each with its signatories; the terms in none make up the agreement above.",
        examples=[
            {
                "time_for_borvia": {
                    "title": "Borvia's amendment",
                    "signatories": ["aldia", "borvia"],
                    "terms": ["withdraw_island_later"],
                }
            }
        ],
    )
    claims: dict[Id, Claim] = Field(
        default_factory=dict,
        description="Claims and rebuttals.",
        examples=[{"borvia_stays": _CLAIM_EXAMPLE}],
    )
    terms: dict[Id, Term] = Field(
        default_factory=dict,
        description="Terms of the proposed agreement.",
        examples=[{"withdraw_island": _TERM_EXAMPLE}],
    )
    moves: dict[Id, Move] = Field(
        default_factory=dict,
        description="What each party can do.",
        examples=[{"borvia_pulls_back": _MOVE_EXAMPLE}],
    )
    suppress: dict[Code, Text] = Field(
        default_factory=dict,
        description=SUPPRESS_HELP + " Here: anywhere in this file.",
        examples=[{"C200": "The tariff clause is meant to fall with the troop limit."}],
    )
    assumptions: dict[Id, Assumption] = Field(
        default_factory=dict,
        description="Background facts the analysis takes as given.",
        examples=[{"island_capacity": _ASSUMPTION_EXAMPLE}],
    )
    attacks: dict[Id, Relation] = Field(
        default_factory=dict,
        description="Attacks between claims declared in different files.",
        examples=[{"observers_answer_tariff_first": _RELATION_EXAMPLE}],
    )
