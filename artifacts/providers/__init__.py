"""Outside services the pipeline talks to (image renderers, language models), behind small interfaces."""
