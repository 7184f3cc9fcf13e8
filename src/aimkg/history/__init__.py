"""Catalog history: what a git-kept catalog stated, commit by commit, for record time.

``git`` reads a repository's first-parent history with plumbing (one ``git log`` and one
``git cat-file --batch``); ``models_dev`` turns it into the effective record of every
models.dev model file at every commit that changed it; ``store`` keeps that sequence as
compact, deterministic gzip'd JSON Lines that ship with the pinned upstream and grow by
appending new commits.
"""
