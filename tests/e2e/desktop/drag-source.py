#!/usr/bin/python3
"""A file manager's worth of drag and drop: a small GTK window that offers one folder as a
text/uri-list drag, the way Files or Dolphin do. E2E tests move the pointer with xdotool from
this window onto the app's window.

Usage: drag-source.py FOLDER X Y   (prints "ready" once the window is on screen)
"""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import GLib, Gdk, Gtk  # noqa: E402

folder, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
uri = GLib.filename_to_uri(folder, None)

window = Gtk.Window(title="pipes-e2e-drag-source")
window.set_decorated(False)
window.set_default_size(40, 120)
window.move(x, y)
box = Gtk.EventBox()
box.add(Gtk.Label(label="📁"))
window.add(box)

box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()


def on_drag_data_get(_widget, _context, data, _info, _time):
    data.set_uris([uri])


def on_drag_end(*_args):
    print("drag-end", flush=True)


box.connect("drag-data-get", on_drag_data_get)
box.connect("drag-end", on_drag_end)
window.connect("destroy", Gtk.main_quit)
window.connect("map-event", lambda *_: print("ready", flush=True))
window.show_all()
Gtk.main()
