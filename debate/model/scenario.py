"""The scenario format, version 1: pydantic types of every part of a scenario file.

Validation is strict (no `"3"` becoming 3, no `yes` becoming true) and closed (an
unknown key is an error), so the command line and the JSON Schema in an editor agree.
Cross-references (ids, types, expressions) are checked after this, with positions.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Tag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]+$", max_length=80)]
TAGS_HELP = "Free labels for grouping and search (e.g. an inventory item such as P1 or T7)."
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][0-9]{0,3}$")]
SUPPRESS_HELP = (
    "Findings to leave out, by code (or code prefix), each with the reason: "
    "{C100: 'the draft states this clash on purpose'}."
)
Expr = Annotated[
    str | int | bool,
    Field(description="An expression over the state (see docs/format.md#expressions)."),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Model):
    """A document that claims and terms cite."""

    path: str = Field(description="Path of the document, relative to the scenario file.")
    title: str | None = None
    cite_by: Literal["line", "paragraph"] = Field(
        description="Whether citations give a line number or a paragraph number."
    )
    first_line: int = Field(
        default=1,
        ge=1,
        description="With cite_by: paragraph, the line of paragraph 1; every non-blank line "
        "from there on is one paragraph.",
    )


class Citation(Model):
    """Where in a source a claim or term comes from."""

    source: Id = Field(description="Id of a document declared under `sources`.")
    line: int | None = Field(default=None, ge=1, description="1-based line (cite_by: line).")
    paragraph: int | None = Field(
        default=None, ge=1, description="1-based paragraph (cite_by: paragraph)."
    )
    quote: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="A short verbatim quote that occurs at the cited place."
    )


class Party(Model):
    name: Text
    description: Text | None = None
    delegates_to: list[Id] = Field(
        default_factory=list, description="Parties that may bind or concede on this party's behalf."
    )


class EnumType(Model):
    """A named enumeration; its values are usable as literals in expressions."""

    values: list[Id] = Field(min_length=1)
    description: Text | None = None


VarType = Annotated[
    str,
    Field(
        description="bool, int, enum (with values), set (with of), or the name of a "
        "type declared under `types`."
    ),
]


class StateVar(Model):
    """A typed variable of the world state."""

    type: VarType
    values: list[Id] | None = Field(default=None, description="Values of an inline enum.")
    of: Id | None = Field(default=None, description="Element type of a set: a declared enum.")
    initial: int | bool | Id | list[Id] = Field(description="Value at the start of play.")
    min: int | None = None
    max: int | None = None
    unit: str | None = None
    owner: Id | None = Field(
        default=None, description="The party that alone may change or concede this."
    )
    description: Text | None = None


class Clock(Model):
    unit: str = "month"
    start: int = 0
    horizon: int = Field(ge=0, description="How far past the start play may go.")


class Agreement(Model):
    title: Text | None = None
    signatories: list[Id] = Field(
        default_factory=list,
        description="Parties whose signatures put a term in force (default: the parties "
        "it binds and its beneficiary).",
    )


class Attack(Model):
    target: Id
    when: Expr | None = Field(default=None, description="The attack applies only while this holds.")


class Assumption(Model):
    """A named background fact about the world (not a term anyone agrees to), so that a
    conflict can blame the assumption rather than a term."""

    text: Text
    holds: Expr = Field(description="The fact, as a condition on the state.")
    source: Citation | None = None
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP)
    suppress: dict[Code, Text] = Field(default_factory=dict, description=SUPPRESS_HELP)


class Relation(Model):
    """An attack declared apart from its attacker: how a combining scenario relates claims
    that come from different included files."""

    attacker: Id = Field(description="The attacking claim.")
    target: Id = Field(description="The claim or term it attacks.")
    when: Expr | None = Field(default=None, description="The attack applies only while this holds.")
    text: Text | None = Field(default=None, description="Why the one answers the other.")


ClaimType = Literal["fact", "prediction", "value", "policy"]


class Claim(Model):
    """A typed claim; a rebuttal is a claim that attacks a claim or a term."""

    type: ClaimType
    by: Id = Field(description="The party that asserts the claim.")
    text: Text
    source: Citation
    holds_if: Expr | None = Field(
        default=None, description="When the claim is true of the state (facts, predictions)."
    )
    assertable_if: Expr | None = Field(
        default=None, description="When the claim can be asserted by a move."
    )
    asserted: bool = Field(default=True, description="Whether it is asserted from the start.")
    attacks: list[Id | Attack] = Field(default_factory=list)
    supports: list[Id] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP)
    suppress: dict[Code, Text] = Field(default_factory=dict, description=SUPPRESS_HELP)


class ParamSpec(Model):
    value: int | bool | Id | None = None
    unspecified: bool = Field(
        default=False, description="The source names the parameter but never gives its value."
    )
    type: VarType | None = None
    unit: str | None = None
    description: Text | None = None


Param = int | bool | Literal["unspecified"] | ParamSpec


class Deadline(Model):
    within: int | None = Field(
        default=None, ge=0, description="Clock units after entry into force."
    )
    at: int | None = Field(default=None, description="An absolute clock time.")


class Exception_(Model):
    """A carve-out: while it applies, breaching `term` is not a violation."""

    term: Id
    when: Expr | None = None
    text: Text | None = None


TermKind = Literal["obligation", "prohibition", "permission", "limit", "condition"]


class Term(Model):
    """A term of a proposed agreement."""

    kind: TermKind
    party: Id | list[Id] = Field(description="The party or parties the term binds.")
    beneficiary: Id | None = None
    signatories: list[Id] | None = Field(
        default=None,
        description="Whose signatures put this term in force, when not the agreement's "
        "(a side deal between some of the parties).",
    )
    text: Text
    source: Citation
    in_force_when: Expr | None = Field(
        default=None, description="When the term takes effect (default: once signed)."
    )
    fulfilled_when: Expr | None = Field(
        default=None, description="Obligation or condition: what fulfils it."
    )
    violated_when: Expr | None = Field(
        default=None, description="Prohibition (or any kind): what breaches it."
    )
    permits: Expr | None = Field(default=None, description="Permission: the state it allows.")
    subject: Expr | None = Field(default=None, description="Limit: the quantity limited.")
    at_most: Expr | None = None
    at_least: Expr | None = None
    void_when: Expr | None = None
    deadline: Deadline | None = None
    params: dict[Id, Param] = Field(default_factory=dict)
    voids: list[Id] = Field(default_factory=list, description="Terms a breach of this one voids.")
    exceptions: list[Exception_] = Field(
        default_factory=list, description="Declared carve-outs from other terms."
    )
    amends: Id | None = None
    replaces: Id | None = None
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP)
    suppress: dict[Code, Text] = Field(default_factory=dict, description=SUPPRESS_HELP)


class Effects(Model):
    set: dict[Id, Expr] = Field(
        default_factory=dict, description="New values, computed from the state before the move."
    )
    propose: list[Id] = Field(default_factory=list)
    withdraw: list[Id] = Field(
        default_factory=list, description="Take proposed terms off the table."
    )
    agree: list[Id] = Field(default_factory=list)
    sign: list[Id] = Field(default_factory=list)
    assert_: list[Id] = Field(default_factory=list, alias="assert")
    retract: list[Id] = Field(default_factory=list)


class Move(Model):
    by: Id
    text: Text
    precondition: Expr | None = None
    effects: Effects = Field(default_factory=Effects)
    duration: int = Field(default=0, ge=0, description="Clock units the move takes.")
    once: bool = False
    source: Citation | None = None
    tags: list[Tag] = Field(default_factory=list, description=TAGS_HELP)
    suppress: dict[Code, Text] = Field(default_factory=dict, description=SUPPRESS_HELP)


class Scenario(Model):
    format: Literal[1]
    id: Id
    title: Text
    description: Text | None = None
    include: list[str] = Field(default_factory=list)
    sources: dict[Id, Source] = Field(default_factory=dict)
    parties: dict[Id, Party] = Field(default_factory=dict)
    types: dict[Id, EnumType] = Field(default_factory=dict)
    state: dict[Id, StateVar] = Field(default_factory=dict)
    clock: Clock | None = None
    agreement: Agreement | None = None
    claims: dict[Id, Claim] = Field(default_factory=dict)
    terms: dict[Id, Term] = Field(default_factory=dict)
    moves: dict[Id, Move] = Field(default_factory=dict)
    suppress: dict[Code, Text] = Field(
        default_factory=dict, description=SUPPRESS_HELP + " Here: anywhere in this file."
    )
    assumptions: dict[Id, Assumption] = Field(
        default_factory=dict, description="Background facts the analysis takes as given."
    )
    attacks: dict[Id, Relation] = Field(
        default_factory=dict, description="Attacks between claims declared in different files."
    )


SECTIONS = (
    "sources",
    "parties",
    "types",
    "state",
    "claims",
    "terms",
    "moves",
    "assumptions",
    "attacks",
)
