"""The build pipeline: from the pinned upstream catalogs to the published graph."""
