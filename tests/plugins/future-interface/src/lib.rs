//! A test-only component exporting `palisade:detector/detector@0.2.0`, which
//! this host must refuse at load with a message naming what it supports.

#[cfg(target_arch = "wasm32")]
// The generated export glue is `unsafe` by nature (raw ABI entry points).
#[allow(unsafe_code)]
mod component {
    wit_bindgen::generate!({
        inline: r#"
            package palisade:detector@0.2.0;
            interface detector {
                describe: func() -> string;
            }
            world plugin {
                export detector;
            }
        "#,
    });

    struct Future;

    impl exports::palisade::detector::detector::Guest for Future {
        fn describe() -> String {
            "from the future".to_string()
        }
    }

    export!(Future);
}
