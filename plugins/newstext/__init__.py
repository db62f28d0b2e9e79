"""Text helpers shared by the plugins (a library on the plugin path, not a Pelican plugin)."""
