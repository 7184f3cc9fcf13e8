"""Publish the graph as linked data: a static site, an HTTP server with a SPARQL endpoint, a store push.

``site.build_site`` writes one page and data files per entity IRI (the pages drawn by ``views``,
with the schema.org JSON-LD of ``schema_org``), ``server.serve`` answers content negotiation and
SPARQL over HTTP (the endpoint in ``sparql``), and ``push.push`` loads the graph into any SPARQL
1.1 Graph Store Protocol server. Everything is generated from the graph's pyoxigraph triples, as
``aimkg.io.read`` reads them from the RDF files; data is written by the export's writers, and
SPARQL results by the query's.
"""
