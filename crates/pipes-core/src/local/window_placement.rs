//! The window's size and maximised state, remembered between launches (`window.json` in the
//! app's data folder), and fitted back onto the screen the window opens on.

use serde::{Deserialize, Serialize};

use crate::foundation::json_store::JsonStore;

/// Logical pixels, as the window's own size is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowPlacement {
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

pub type PlacementStore = JsonStore<Option<WindowPlacement>>;

/// A size in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl WindowPlacement {
    /// The size to open at: the saved one, never under the window's minimum and never over the
    /// screen it opens on (a laptop after a large monitor). `None` when the saved size is not
    /// a real one (zero, or a file that was edited by hand).
    pub fn size_on(&self, minimum: Size, screen: Option<Size>) -> Option<Size> {
        if self.width == 0 || self.height == 0 || self.width > 32_768 || self.height > 32_768 {
            return None;
        }
        let fit = |saved: u32, min: u32, max: Option<u32>| {
            let capped = max.map_or(saved, |max| saved.min(max));
            capped.max(min)
        };
        Some(Size {
            width: fit(self.width, minimum.width, screen.map(|s| s.width)),
            height: fit(self.height, minimum.height, screen.map(|s| s.height)),
        })
    }
}

/// What to remember after the window changed: a maximised window keeps the size it had
/// before it was maximised, so un-maximising next time lands on the user's own size.
pub fn remember(previous: Option<WindowPlacement>, size: Size, maximized: bool) -> WindowPlacement {
    match previous {
        Some(before) if maximized => WindowPlacement {
            maximized,
            ..before
        },
        _ => WindowPlacement {
            width: size.width,
            height: size.height,
            maximized,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Size = Size {
        width: 880,
        height: 600,
    };

    fn placement(width: u32, height: u32) -> WindowPlacement {
        WindowPlacement {
            width,
            height,
            maximized: false,
        }
    }

    #[test]
    fn a_saved_size_that_fits_opens_as_it_was() {
        let screen = Some(Size {
            width: 1920,
            height: 1080,
        });
        assert_eq!(
            placement(1000, 700).size_on(MIN, screen),
            Some(Size {
                width: 1000,
                height: 700
            })
        );
    }

    #[test]
    fn a_size_from_a_bigger_screen_is_cut_to_this_one_and_never_under_the_minimum() {
        let laptop = Some(Size {
            width: 1280,
            height: 720,
        });
        assert_eq!(
            placement(2500, 1400).size_on(MIN, laptop),
            Some(Size {
                width: 1280,
                height: 720
            })
        );
        assert_eq!(
            placement(300, 200).size_on(MIN, laptop),
            Some(MIN),
            "under the minimum"
        );
    }

    #[test]
    fn a_nonsense_size_is_not_restored() {
        assert_eq!(placement(0, 700).size_on(MIN, None), None);
        assert_eq!(placement(1000, 4_000_000).size_on(MIN, None), None);
    }

    #[test]
    fn maximising_keeps_the_size_to_come_back_to() {
        let before = placement(1000, 700);
        let big = Size {
            width: 1920,
            height: 1050,
        };
        let maximized = remember(Some(before), big, true);
        assert_eq!(
            (maximized.width, maximized.height, maximized.maximized),
            (1000, 700, true)
        );
        let resized = remember(
            Some(maximized),
            Size {
                width: 900,
                height: 650,
            },
            false,
        );
        assert_eq!(resized, placement(900, 650));
        assert_eq!(
            remember(None, big, true).width,
            1920,
            "nothing to come back to"
        );
    }

    #[test]
    fn the_placement_survives_a_restart_and_a_broken_file_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("window.json");
        let store = PlacementStore::open(path.clone());
        store.update(|p| *p = Some(placement(1010, 707))).unwrap();
        assert_eq!(
            PlacementStore::open(path.clone()).snapshot(),
            Some(placement(1010, 707))
        );
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(PlacementStore::open(path).snapshot(), None);
    }
}
