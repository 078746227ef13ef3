"""The web pages over the service: server-rendered HTML for people who never open a terminal.

``pages.py`` holds the routes (listed in ``app.ROUTE_MODULES``), ``session.py`` the login
cookie, CSRF tokens and security headers, ``texts.py`` every word the pages show (Chinese,
English when the browser asks), ``figures.py`` the brief's figures as form fields, and
``preview.py`` (run in the build workers) the pages as pictures. ``templates/`` and
``static/`` are package data; ``static/vendor/`` is rebuilt by ``tools/vendor_web.sh``.
"""
