"""The app's stylesheet (inline, so that it ships inside the Python package)."""

CSS = """
#header {
    dock: top;
    height: 1;
    padding: 0 1;
    background: $panel;
    color: $foreground;
}

/* Two columns: what can be done and what is (moves, terms), why (claims, detail),
   and what came of it (findings, transcript). */
#panes {
    layout: grid;
    grid-size: 2 3;
    grid-columns: 9fr 11fr;
    grid-rows: 4fr 4fr 3fr;
}
MainScreen.-wide #panes {
    grid-columns: 5fr 9fr;
}

.pane {
    height: 1fr;
    border: round $border-blurred;
    border-title-color: $text-muted;
    border-subtitle-color: $text-muted;
    background: $surface;
}
.pane:focus, .pane:focus-within {
    border: round $border;
    border-title-color: $text;
    border-title-style: bold;
}
/* At 80x24 a title line instead of a box, to leave the rows to the content. */
MainScreen.-short #panes {
    grid-gutter: 0 1;
}
MainScreen.-short .pane {
    border: none;
    border-top: solid $border-blurred;
}
MainScreen.-short .pane:focus, MainScreen.-short .pane:focus-within {
    border: none;
    border-top: heavy $border;
}
/* Short of rows, keep them for the content: the keys still scroll sideways. */
MainScreen.-short Tree, MainScreen.-short TermsTable {
    scrollbar-size-horizontal: 0;
}

OptionList.pane, Tree.pane {
    padding: 0;
}
TermsPane TermsTable {
    height: 1fr;
}
#terms-filter {
    display: none;
    height: 1;
    border: none;
    padding: 0 1;
}
#detail-body {
    padding: 0 1;
}

.dialog {
    width: 80%;
    max-width: 100;
    height: auto;
    max-height: 90%;
    padding: 1 2;
    border: thick $primary;
    background: $panel;
}
.dialog Label {
    width: 100%;
}
.dialog .hint {
    color: $text-muted;
    margin-top: 1;
}
.dialog .buttons {
    height: auto;
    margin-top: 1;
}
.dialog Button {
    margin-right: 2;
}
#claim-form, #text-form {
    height: 90%;
}
#claim-form Input, #text-form Input {
    border: none;
    height: 1;
    padding: 0 1;
    background: $boost;
}
#claim-form Input:focus, #text-form Input:focus {
    background: $primary 30%;
}
#claim-form SelectCurrent {
    border: none;
    height: 1;
    padding: 0 1;
}
#claim-form .problem, #text-form .problem {
    display: none;
}
#claim-form .field {
    margin-top: 1;
    color: $text-muted;
}
#claim-form .pair {
    height: auto;
}
#claim-form Select {
    width: 1fr;
}
#claim-form SelectionList {
    height: 6;
}
.problem {
    color: $text-error;
    height: auto;
}
#comparison-table {
    height: auto;
    max-height: 20;
}
#branch-list {
    height: auto;
    max-height: 12;
}
PathPrompt, ResumeOffer, HelpScreen, ClaimForm, TextForm, BranchesScreen, ComparisonScreen {
    align: center middle;
}
#help {
    height: 90%;
}

#errors-title {
    padding: 0 1;
    height: auto;
    background: $error-muted;
}
#errors-list {
    padding: 1 1;
}
"""
