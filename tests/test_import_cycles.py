"""No module reaches, directly or through others, back to a module that imports it.

import-linter's layers keep the packages in order, but a cycle inside one
layer (a service and the document it prints importing each other, the CLI's
main and a command module) slips past them; such cycles were how vocabulary
and rules ended up written twice. grimp is the graph import-linter builds."""

from __future__ import annotations

import grimp

PACKAGES = ("catalogue", "placement", "solver", "ui")


def cycles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    """Each (importer, imported) pair where ``imported`` also reaches ``importer``."""
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if graph.chain_exists(importer=imported, imported=importer):
                found.append((importer, imported))
    return found


def test_there_is_no_import_cycle() -> None:
    graph = grimp.build_graph(*PACKAGES)
    assert len(graph.modules) > 100  # the whole code base was read, not an empty shell
    assert cycles(graph) == []


def test_a_cycle_is_found() -> None:
    graph = grimp.build_graph(*PACKAGES)
    graph.add_import(importer="catalogue.phrase", imported="placement.errors")
    assert ("catalogue.phrase", "placement.errors") in cycles(graph)
