"""``python -m tactful.grammar install|start|status``: the same commands as ``tactful languagetool``."""
from tactful.grammar.commands import languagetool

languagetool(prog_name="python -m tactful.grammar")
