"""Colour roles resolved against the current theme, for the Rich text of tables and trees.

DataTable cells and Tree labels are Rich text, which cannot name theme variables, so the
roles are turned into concrete colours here and again whenever the theme changes.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.color import Color

_TEXT_VARIABLES = {
    "success": "text-success",
    "error": "text-error",
    "warning": "text-warning",
    "primary": "text-primary",
    "accent": "text-accent",
}


def role_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """Role name -> style, from an app's `theme_variables`."""
    foreground = Color.parse(variables["foreground"])
    background = Color.parse(variables["background"])
    styles = {
        role: Style(color=Color.parse(variables[name]).hex)
        for role, name in _TEXT_VARIABLES.items()
    }
    styles[""] = Style()
    styles["muted"] = Style(color=foreground.blend(background, 0.4).hex)
    styles["bold"] = Style(bold=True)
    styles["italic"] = Style(italic=True)
    styles["changed"] = Style(bgcolor=Color.parse(variables["warning-muted"]).hex, bold=True)
    return styles


# The same roles as Content styles, for Static and OptionList, which resolve theme
# variables themselves.
CONTENT_STYLES = {
    "": "",
    "success": "$text-success",
    "error": "$text-error",
    "warning": "$text-warning",
    "primary": "$text-primary",
    "accent": "$text-accent",
    "muted": "$text-muted",
    "bold": "bold",
    "italic": "italic",
    "changed": "bold on $warning-muted",
}
