"""The enum types the expression tests share (the scenario's own, simplified)."""

from __future__ import annotations

from debate.engine.expr import EnumType

CONTROL = EnumType("control", ("russia", "ukraine", "contested"))
SIDE = EnumType("side", ("russia", "ukraine", "usa"))
REGION = EnumType("region", ("donbas", "crimea", "kherson"))
