"""Publish the graph as linked data: a static site, an HTTP server with a SPARQL endpoint, a store push.

``site.build_site`` writes one page and data files per entity IRI, ``server.serve`` answers
content negotiation and SPARQL over HTTP, and ``push.push`` loads the graph into any SPARQL 1.1
Graph Store Protocol server. Everything is generated from the graph's pyoxigraph triples, as
``aimkg.rdfio`` reads them from the RDF files; data is written by the export's writers, and
SPARQL results by the query's.
"""
