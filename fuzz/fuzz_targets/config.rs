//! config.toml: parsing never panics, nor does building the keymap from it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((config, _unknown)) = rapport::config::Config::parse(text) {
        let _ = rapport::app::keymap::Keymap::new(&config.keys);
        let _ = config.rules.cadence_for(None, &["attorney".to_string()]);
    }
});
