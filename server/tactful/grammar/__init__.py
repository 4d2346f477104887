"""Grammar and spelling from a LanguageTool HTTP server.

One LanguageTool JVM runs per machine (``process``), resolved from Maven Central
(``install``); the API talks to it, or to a remote LanguageTool, over HTTP (``client``).
"""
