"""Publish the graph as linked data: a static site, an HTTP server with a SPARQL endpoint, a store push.

``site.build_site`` writes one page and data files per entity IRI, ``server.serve`` answers
content negotiation and SPARQL over HTTP, and ``push.push`` loads the graph into any SPARQL 1.1
Graph Store Protocol server. Everything is generated from the graph that ``aimkg.load()`` returns.
"""
