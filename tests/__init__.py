"""aimkg's tests, laid out as the package: tests/<stage>/test_<module>.py tests src/aimkg/<stage>/<module>.py.

A package's ``__init__.py`` is tested in ``test_<stage>.py`` (tests/cli/test_cli.py: the command
group as a whole). Top-level modules test what is not one module: validate.py (test_validate.py),
the curated data, ontology and shapes (test_data.py, test_ontology.py, test_shapes.py) and the
wheel (test_packaging.py); tests/benchmarks/ tests benchmarks/. tests/publish/test_browser.py
opens the served site in Chromium and is skipped without it.

Fixtures live in conftest.py files (here: the bundled graph; tests/sources/conftest.py: the
imported peer catalogs; tests/export/conftest.py: the export files); modules that tests import
live in tests/helpers/. Cases are data: tests/shapes/ (SHACL shapes) and tests/bad_input/
(broken input, see its README.md), each stating its expected outcome in the case.
"""
