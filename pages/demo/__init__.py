"""Demo content for `manage.py load_demo_content`: pages, program areas and generated photos."""
