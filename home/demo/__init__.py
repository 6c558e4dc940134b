"""The demonstration site loaded by ``manage.py load_demo``.

``content`` holds the texts in Lithuanian and English, ``bilingual`` the helpers that pick one
language or map Lithuanian strings to English, ``order_pdf`` renders the mayor's order as a
PDF, ``translation`` makes the English pages through wagtail-localize and ``loader`` builds
the whole site.
"""
