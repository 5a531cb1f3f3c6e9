//! The window opens at the size (and maximised state) it was left in: restored before it is
//! first drawn, saved a moment after each resize and when it closes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pipes_core::local::window_placement::{self, PlacementStore, Size};
use tauri::{LogicalSize, WebviewWindow, WindowEvent};

/// A resize is saved once the user has stopped dragging for this long.
const SETTLE: Duration = Duration::from_millis(400);
/// tauri.conf.json's minWidth × minHeight.
const MINIMUM: Size = Size {
    width: 880,
    height: 600,
};

pub fn restore_and_track(window: &WebviewWindow, store: Arc<PlacementStore>) {
    restore(window, &store);
    let resizes = Arc::new(AtomicU64::new(0));
    let tracked = window.clone();
    window.on_window_event(move |event| match event {
        WindowEvent::Resized(_) => {
            let this_resize = resizes.fetch_add(1, Ordering::SeqCst) + 1;
            let (resizes, window, store) = (resizes.clone(), tracked.clone(), store.clone());
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(SETTLE).await;
                if resizes.load(Ordering::SeqCst) == this_resize {
                    save(&window, &store);
                }
            });
        }
        WindowEvent::CloseRequested { .. } => save(&tracked, &store),
        _ => {}
    });
}

fn restore(window: &WebviewWindow, store: &PlacementStore) {
    let Some(saved) = store.snapshot() else {
        return;
    };
    let screen = window.current_monitor().ok().flatten().map(|monitor| {
        let size = monitor.size().to_logical::<u32>(monitor.scale_factor());
        Size {
            width: size.width,
            height: size.height,
        }
    });
    if let Some(size) = saved.size_on(MINIMUM, screen) {
        let _ = window.set_size(LogicalSize::new(size.width, size.height));
    }
    if saved.maximized {
        let _ = window.maximize();
    }
}

fn save(window: &WebviewWindow, store: &PlacementStore) {
    let (Ok(size), Ok(scale)) = (window.inner_size(), window.scale_factor()) else {
        return;
    };
    let size = size.to_logical::<u32>(scale);
    let maximized = window.is_maximized().unwrap_or(false);
    let size = Size {
        width: size.width,
        height: size.height,
    };
    // Remembering the size is a convenience: a full disk must not trouble the user here.
    let _ = store.update(|placement| {
        *placement = Some(window_placement::remember(*placement, size, maximized));
    });
}
