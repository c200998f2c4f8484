"""The exchange format (docs/exchange-format.md): import and export of every record.

Public API: `exchange_import`, `exchange_export`, `ExchangeImportError`, `ImportResult`.
Import them from their modules (`importer`, `writer`, `errors`): this package imports
nothing itself, so Django can load the app before the models are ready.
"""
