"""Link suggestions: rank national targets for each regional plan item, with a calibrated score and reasons.

Pure logic: nothing here opens the database or the network. The public entry point is
:class:`selaras.match.engine.Matcher`.
"""
