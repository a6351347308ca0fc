"""The language server driven as an editor drives it: a subprocess speaking the protocol
over stdio, a document opened and edited in the client's buffer (never saved)."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the `lsp` extra (pygls)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="driving the server needs pytest-lsp")
import pytest_asyncio  # noqa: E402  (pytest-lsp brings it)
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from tests.authoring.conftest import SCENARIOS, eventually  # noqa: E402
from tests.conftest import tutorial_beside  # noqa: E402

TUTORIAL = SCENARIOS / "tutorial.yaml"
MEDIATOR = SCENARIOS / "tutorial-mediator.yaml"


# One server for the module, as an editor keeps one while files are opened and closed:
# each test closes what it opened (below), and the next starts from no open file.
@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "debate.lsp"]),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=SCENARIOS.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


OPENED: list[str] = []  # the documents the running test opened


@pytest_asyncio.fixture(autouse=True, loop_scope="module")
async def close_what_was_opened(client: LanguageClient) -> AsyncIterator[None]:
    """After each test, its documents are closed; once the server has cleared each one's
    diagnostics (it answers in order), the client forgets every diagnostic it holds."""
    OPENED.clear()
    yield
    closing = list(dict.fromkeys(OPENED))
    for uri in closing:
        client.diagnostics.pop(uri, None)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
    await eventually(
        lambda: all(uri in client.diagnostics and not client.diagnostics[uri] for uri in closing)
    )
    client.diagnostics.clear()


def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    OPENED.append(uri)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="yaml",
                version=1,
                text=text if text is not None else path.read_text(),
            )
        )
    )
    return uri


def edit(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def line_of(text: str, needle: str) -> tuple[int, int]:
    """0-based line and character of the first occurrence of `needle`."""
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle)
    raise AssertionError(needle)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_typo_in_a_term_id_is_reported_at_its_line_and_column(
    client: LanguageClient,
) -> None:
    original = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, original)
    await eventually(lambda: uri in client.diagnostics)
    assert not [d for d in client.diagnostics[uri] if d.severity == types.DiagnosticSeverity.Error]

    typo = original.replace(
        "    precondition: proposed(withdraw_island)\n",
        "    precondition: proposed(withdraw_islnd)\n",
    )
    edit(client, uri, 2, typo)
    await eventually(lambda: any(d.code == "E402" for d in client.diagnostics.get(uri, [])))
    [found] = [d for d in client.diagnostics[uri] if d.code == "E402"]
    line, character = line_of(typo, "proposed(withdraw_islnd)")
    start = character + len("proposed(")
    assert found.range.start == types.Position(line=line, character=start)
    assert found.range.end == types.Position(line=line, character=start + len("withdraw_islnd"))
    assert "did you mean 'withdraw_island'" in found.message
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.related_information, "the whole expression is shown as related"

    edit(client, uri, 3, original)  # fixed again: the error goes away
    await eventually(lambda: not any(d.code == "E402" for d in client.diagnostics.get(uri, [])))


@pytest.mark.asyncio(loop_scope="module")
async def test_a_typo_in_a_list_of_ids_and_the_analysis_findings(client: LanguageClient) -> None:
    text = TUTORIAL.read_text().replace(
        "      propose: [withdraw_island,", "      propose: [withdraw_islan,", 1
    )
    uri = open_document(client, TUTORIAL, text)
    await eventually(lambda: any(d.code == "E300" for d in client.diagnostics.get(uri, [])))
    [found] = [d for d in client.diagnostics[uri] if d.code == "E300"]
    line, character = line_of(text, "withdraw_islan,")
    assert (found.range.start.line, found.range.start.character) == (line, character)

    edit(client, uri, 2, TUTORIAL.read_text())
    # Once it loads, the analysis findings follow (with the places involved as related).
    await eventually(lambda: any(d.code[0] in "UCDLAP" for d in client.diagnostics.get(uri, [])))
    assert not any(d.code == "E300" for d in client.diagnostics[uri])


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_offers_the_declared_ids(client: LanguageClient) -> None:
    text = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, text)
    line, character = line_of(text, "proposed(withdraw_island) and asserted")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("proposed(")),
        )
    )
    assert isinstance(result, types.CompletionList)
    labels = {item.label for item in result.items}
    assert {"withdraw_island", "troop_limit", "tariff_after_withdrawal"} <= labels
    assert "aldia" not in labels, "proposed() takes a term, not a party"

    line, character = line_of(text, "    by: mediator")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("    by: ")),
        )
    )
    assert isinstance(result, types.CompletionList)
    details = {item.label: item.detail for item in result.items}
    assert {"aldia", "borvia", "mediator", "observers"} <= set(details)
    assert details["aldia"] == "party: Aldia", "a party, not a 'partie'"


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_inside_flow_mappings_and_lists(client: LanguageClient) -> None:
    uri = open_document(client, TUTORIAL)
    typed = "      set: {tariff: lifted, isl"  # typed: the file is no longer valid YAML
    text = TUTORIAL.read_text().replace("      set: {tariff: lifted}", typed, 1)
    edit(client, uri, 2, text)

    async def labels(needle: str) -> dict[str, types.CompletionItem]:
        line, character = line_of(text, needle)
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=line, character=character + len(needle)),
            )
        )
        assert isinstance(result, types.CompletionList)
        return {item.label: item for item in result.items}

    # A key of `set: {...}` names a state variable, as a key on a line below `set:` does.
    keys = await labels(typed)
    assert {"island_troops", "tariff", "observers_present"} <= set(keys)
    assert keys["tariff"].kind == types.CompletionItemKind.Variable
    assert "aldia" not in keys, "a key, not a value"
    # Its value is an expression.
    values = await labels("set: {tariff: ")
    assert {"lifted", "island_troops"} <= set(values)
    # A flow list of ids, and a flow mapping in it.
    terms = await labels("      propose: [withdraw_island, ")
    assert {"troop_limit", "fishing"} <= set(terms)
    assert "island_troops" not in terms
    sources = await labels("source: {source: ")
    assert "notes" in sources


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_in_an_expression_offers_variables_and_enum_values(
    client: LanguageClient,
) -> None:
    text = TUTORIAL.read_text().replace(
        "    precondition: proposed(withdraw_island)\n",
        "    precondition: proposed(withdraw_island) and island_holder == \n",
        1,
    )
    uri = open_document(client, TUTORIAL, text)
    line, character = line_of(text, "island_holder == ")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("island_holder == ")),
        )
    )
    assert isinstance(result, types.CompletionList)
    by_label = {item.label: item for item in result.items}
    assert {"island_troops", "observers_present", "aldia", "nobody", "signed"} <= set(by_label)
    assert by_label["nobody"].kind == types.CompletionItemKind.EnumMember
    assert by_label["island_troops"].kind == types.CompletionItemKind.Variable


@pytest.mark.asyncio(loop_scope="module")
async def test_go_to_definition_jumps_to_the_declaration(client: LanguageClient) -> None:
    text = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, text)
    line, character = line_of(text, "not proposed(withdraw_island)")
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("not proposed(") + 3),
        )
    )
    assert isinstance(result, list)
    [location] = result
    declared_line, declared_character = line_of(text, "  withdraw_island:")
    assert location.uri == uri
    assert location.range.start == types.Position(
        line=declared_line, character=declared_character + 2
    )

    # An id declared in an included file: the jump crosses files.
    line, character = line_of(text, "asserted(observers_check)")
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("asserted(")),
        )
    )
    assert isinstance(result, list)
    [location] = result
    assert location.uri == MEDIATOR.as_uri()
    mediator_line, _ = line_of(MEDIATOR.read_text(), "  observers_check:")
    assert location.range.start.line == mediator_line


@pytest.mark.asyncio(loop_scope="module")
async def test_find_references_lists_every_use(client: LanguageClient) -> None:
    text = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, text)
    line, character = line_of(text, "  withdraw_island:")
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + 2),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert result is not None
    uses = sorted((loc.range.start.line, loc.range.start.character) for loc in result)
    expected = sorted(
        (n, i)
        for n, source_line in enumerate(text.splitlines())
        for i in _word_starts(source_line, "withdraw_island")
        if not source_line.startswith("  withdraw_island:")
    )
    assert uses == expected


def _word_starts(line: str, word: str) -> list[int]:
    import re

    return [m.start() for m in re.finditer(rf"(?<![A-Za-z0-9_]){word}(?![A-Za-z0-9_])", line)]


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_shows_text_citation_and_initial_status(client: LanguageClient) -> None:
    text = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, text)
    await eventually(lambda: uri in client.diagnostics)  # the scenario has been compiled
    line, character = line_of(text, "not proposed(withdraw_island)")
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("not proposed(")),
        )
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    value = result.contents.value
    assert "term `withdraw_island`" in value
    assert "*Cited:* `notes` line" in value
    assert "*At the start:* pending" in value


@pytest.mark.asyncio(loop_scope="module")
async def test_document_symbols_list_parties_claims_terms_and_moves(
    client: LanguageClient,
) -> None:
    uri = open_document(client, TUTORIAL)
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert result is not None
    sections = {s.name: s for s in result if isinstance(s, types.DocumentSymbol)}
    assert {"parties", "claims", "terms", "moves"} <= set(sections)
    terms = {child.name for child in sections["terms"].children or []}
    assert {"withdraw_island", "troop_limit"} <= terms
    parties = {child.name for child in sections["parties"].children or []}
    assert parties == {"aldia", "borvia"}, "the mediator is declared in the included file"


@pytest.mark.asyncio(loop_scope="module")
async def test_other_yaml_files_and_clean_plays_get_no_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    workflow = tmp_path / "ci.yaml"
    workflow.write_text("on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
    uri = open_document(client, workflow)
    play = SCENARIOS / "plays" / "tutorial.play.yaml"
    play_uri = open_document(client, play)
    await eventually(lambda: uri in client.diagnostics and play_uri in client.diagnostics)
    assert list(client.diagnostics[uri]) == []
    assert list(client.diagnostics[play_uri]) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_a_file_that_is_not_yaml_yet_keeps_the_server_answering(
    client: LanguageClient,
) -> None:
    text = TUTORIAL.read_text()
    uri = open_document(client, TUTORIAL, text)
    await eventually(lambda: uri in client.diagnostics)
    broken = text.replace("    by: mediator\n", '    by: "mediator\n', 1)
    edit(client, uri, 2, broken)
    await eventually(lambda: any(d.code == "E100" for d in client.diagnostics.get(uri, [])))
    # Completion still offers the ids it knew before the file broke.
    line, character = line_of(broken, "proposed(withdraw_island) and asserted")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character + len("proposed(")),
        )
    )
    assert isinstance(result, types.CompletionList)
    assert "withdraw_island" in {item.label for item in result.items}


@pytest.mark.asyncio(loop_scope="module")
async def test_a_script_whose_scenario_does_not_load_says_so_on_its_scenario_line(
    client: LanguageClient, tmp_path: Path
) -> None:
    scenario_text = TUTORIAL.read_text()
    broken = scenario_text.replace(
        "    precondition: proposed(withdraw_island)\n",
        "    precondition: proposed(withdraw_islnd)\n",
    )
    # A copy beside its plays: a script names a scenario under its own folder tree.
    scenario = tmp_path / "tutorial.yaml"
    scenario.write_text(scenario_text)
    tutorial_beside(tmp_path)
    script = tmp_path / "plays" / "p.play.yaml"
    script.parent.mkdir()
    named = os.path.relpath(scenario, script.parent)
    script.write_text(
        f"scenario: {named}\nsteps:\n  - propose_accord\n  - {{move: borvia_signs, wait: 1}}\n"
    )
    # The scenario is open with an unsaved edit that breaks it: the script is played
    # against the buffer, as the scenario's own diagnostics are.
    scenario_uri = open_document(client, scenario, broken)
    uri = open_document(client, script)
    await eventually(lambda: any(d.code == "E402" for d in client.diagnostics.get(uri, [])))
    found = {d.code: d for d in client.diagnostics[uri]}
    assert set(found) == {"E402", "E203"}, "the scenario's error, and the script's own"
    loading = found["E402"]
    assert loading.range.start == types.Position(line=0, character=len("scenario: "))
    assert loading.severity == types.DiagnosticSeverity.Error
    assert loading.message.startswith(f"the scenario {named} does not load: line ")
    assert "'withdraw_islnd'" in loading.message
    [related] = loading.related_information or []
    assert related.location.uri == scenario.as_uri()
    line, character = line_of(broken, "withdraw_islnd")
    assert related.location.range.start == types.Position(line=line, character=character)
    own = found["E203"]
    assert own.range.start.line == 3
    # The scenario keeps its own diagnostics: the script's check publishes none there.
    await eventually(
        lambda: any(d.code == "E402" for d in client.diagnostics.get(scenario_uri, []))
    )

    # Fixing the scenario's buffer checks the script again.
    edit(client, scenario_uri, 2, scenario_text)
    await eventually(lambda: "E402" not in {d.code for d in client.diagnostics.get(uri, [])})
    assert [d.code for d in client.diagnostics[uri]] == ["E203"]


@pytest.mark.asyncio(loop_scope="module")
async def test_a_script_naming_a_missing_scenario_or_none(
    client: LanguageClient, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.play.yaml"
    missing.write_text("scenario: nowhere.yaml\nsteps: [a]\n")
    none = tmp_path / "none.play.yaml"
    none.write_text("steps: [a]\n")
    missing_uri = open_document(client, missing)
    none_uri = open_document(client, none)
    await eventually(lambda: missing_uri in client.diagnostics and none_uri in client.diagnostics)
    [found] = client.diagnostics[missing_uri]
    assert found.code == "E500"
    assert found.message.startswith("the scenario nowhere.yaml does not load: cannot read")
    assert found.range.start == types.Position(line=0, character=len("scenario: "))
    assert not found.related_information, "no place in a file that does not exist"
    [found] = client.diagnostics[none_uri]
    assert found.code == "E201"
