"""The roadmap format and its checks: reading, the model, validation. Free of MkDocs and Jinja2."""
