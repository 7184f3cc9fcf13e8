"""Union-find over node names, and slugs that stay unique: the two tools identity decisions need."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from typing import Generic, TypeVar

Node = TypeVar("Node", bound=Hashable)


class UnionFind(Generic[Node]):
    """Sets of nodes that are one thing; ``find`` gives each set's representative."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            parent = self.parent[node] = self.find(parent)
        return parent

    def union(self, first: Node, second: Node) -> None:
        """Make two nodes one; the representative is the smaller, so that the result does not depend on order."""
        a, b = self.find(first), self.find(second)
        if a != b:
            low, high = sorted((a, b), key=repr)
            self.parent[high] = low

    def groups(self) -> dict[Node, list[Node]]:
        """Every set, by its representative, with its members in the order they were first seen."""
        found: dict[Node, list[Node]] = {}
        for node in list(self.parent):
            found.setdefault(self.find(node), []).append(node)
        return found


class Slugs:
    """Hand out slugs of one IRI kind: the first free choice, else the first with a short hash of the identity."""

    def __init__(self, taken: dict[str, str] | None = None) -> None:
        self.owner: dict[str, str] = dict(taken or {})  # slug → the identity that holds it

    def claim(self, identity: str, *choices: str) -> str:
        for slug in choices:
            if self.owner.setdefault(slug, identity) == identity:
                return slug
        slug = f"{choices[0]}-{hashlib.sha256(identity.encode()).hexdigest()[:8]}"
        self.owner[slug] = identity
        return slug
