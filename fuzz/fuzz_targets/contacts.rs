//! contacts.toml: parsing never panics, and whatever parses renders to a
//! file that parses back to the same partners.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::contacts;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = contacts::parse(text) {
        if file.schema_version > contacts::SCHEMA_VERSION {
            return;
        }
        let again = contacts::render(&file.partners);
        let back = contacts::parse(&again).expect("a rendered file parses");
        assert_eq!(back.partners, file.partners, "render then parse changed the partners");
    }
});
