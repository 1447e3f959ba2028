//! Bounds on what a plugin file may ask of the compiler, checked by one
//! streaming pass of `wasmparser` before anything is compiled.
//!
//! Compiling is the one step of a load whose cost a file controls: a 362 KB
//! component of 30,000 nested empty components took 41 s and 20 GB (memory
//! grows with the square of the depth), a module of 900,000 tiny functions
//! 128 s and 6 GB, four functions just under wasmparser's body cap 860 s.
//! Real plugins are far inside these limits (the largest shipped one has a
//! nesting depth of 2, 7 modules and about 2,000 functions); a file past
//! any of them is refused in milliseconds with a message naming the limit.
//! Compilation itself also runs under a time bound (`Runtime::load`).

use wasmparser::{Parser, Payload};

/// The limits a plugin file must be within to be compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadLimits {
    /// Largest file, bytes.
    pub max_file_bytes: usize,
    /// Deepest nesting of modules and components inside components.
    pub max_nesting: usize,
    /// Most core modules and components in all.
    pub max_modules: usize,
    /// Most core functions defined, over all modules.
    pub max_functions: u64,
    /// Largest single function body, bytes.
    pub max_function_bytes: usize,
    /// Most function-body bytes, over all modules.
    pub max_code_bytes: usize,
    /// Most entries (types, imports, exports, instances, aliases, ...) over
    /// all sections.
    pub max_items: u64,
}

/// The limits every plugin is held to.
pub const LOAD_LIMITS: LoadLimits = LoadLimits {
    max_file_bytes: 32 << 20,
    max_nesting: 8,
    max_modules: 64,
    max_functions: 100_000,
    max_function_bytes: 1 << 20,
    max_code_bytes: 16 << 20,
    max_items: 200_000,
};

/// A limit a file is past (or a file that does not parse at all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TooComplex {
    #[error("the file is {0} bytes, over the limit of {1} bytes")]
    FileBytes(usize, usize),
    #[error("modules and components nest more than {0} deep")]
    Nesting(usize),
    #[error("more than {0} modules and components")]
    Modules(usize),
    #[error("more than {0} functions")]
    Functions(u64),
    #[error("a function body of {0} bytes, over the limit of {1} bytes")]
    FunctionBytes(usize, usize),
    #[error("more than {0} bytes of function bodies")]
    CodeBytes(usize),
    #[error("more than {0} section entries (types, imports, exports, instances, ...)")]
    Items(u64),
}

/// Checks `bytes` against `limits` in one pass, stopping at the first limit
/// passed. Cost: linear in the bytes up to that point, constant memory
/// besides the nesting stack (itself capped). A file that does not parse
/// passes: the compiler then refuses it with its own, fuller message.
pub fn prescan(bytes: &[u8], limits: &LoadLimits) -> Result<(), TooComplex> {
    if bytes.len() > limits.max_file_bytes {
        return Err(TooComplex::FileBytes(bytes.len(), limits.max_file_bytes));
    }
    let mut depth = 0usize;
    let mut modules = 0usize;
    let mut functions = 0u64;
    let mut code_bytes = 0usize;
    let mut items = 0u64;
    for payload in Parser::new(0).parse_all(bytes) {
        let Ok(payload) = payload else {
            return Ok(());
        };
        let count = match &payload {
            Payload::ModuleSection { .. } | Payload::ComponentSection { .. } => {
                depth += 1;
                modules += 1;
                if depth > limits.max_nesting {
                    return Err(TooComplex::Nesting(limits.max_nesting));
                }
                if modules > limits.max_modules {
                    return Err(TooComplex::Modules(limits.max_modules));
                }
                0
            }
            Payload::End(_) => {
                depth = depth.saturating_sub(1);
                0
            }
            Payload::FunctionSection(s) => {
                functions += u64::from(s.count());
                if functions > limits.max_functions {
                    return Err(TooComplex::Functions(limits.max_functions));
                }
                u64::from(s.count())
            }
            Payload::CodeSectionStart { count, size, .. } => {
                functions_in_code(*count, limits)?;
                code_bytes = code_bytes.saturating_add(*size as usize);
                if code_bytes > limits.max_code_bytes {
                    return Err(TooComplex::CodeBytes(limits.max_code_bytes));
                }
                0
            }
            Payload::CodeSectionEntry(body) => {
                let len = body.range().len();
                if len > limits.max_function_bytes {
                    return Err(TooComplex::FunctionBytes(len, limits.max_function_bytes));
                }
                0
            }
            Payload::TypeSection(s) => u64::from(s.count()),
            Payload::ImportSection(s) => u64::from(s.count()),
            Payload::TableSection(s) => u64::from(s.count()),
            Payload::MemorySection(s) => u64::from(s.count()),
            Payload::TagSection(s) => u64::from(s.count()),
            Payload::GlobalSection(s) => u64::from(s.count()),
            Payload::ExportSection(s) => u64::from(s.count()),
            Payload::ElementSection(s) => u64::from(s.count()),
            Payload::DataSection(s) => u64::from(s.count()),
            Payload::InstanceSection(s) => u64::from(s.count()),
            Payload::CoreTypeSection(s) => u64::from(s.count()),
            Payload::ComponentInstanceSection(s) => u64::from(s.count()),
            Payload::ComponentAliasSection(s) => u64::from(s.count()),
            Payload::ComponentTypeSection(s) => u64::from(s.count()),
            Payload::ComponentCanonicalSection(s) => u64::from(s.count()),
            Payload::ComponentImportSection(s) => u64::from(s.count()),
            Payload::ComponentExportSection(s) => u64::from(s.count()),
            _ => 0,
        };
        items += count;
        if items > limits.max_items {
            return Err(TooComplex::Items(limits.max_items));
        }
    }
    Ok(())
}

fn functions_in_code(count: u32, limits: &LoadLimits) -> Result<(), TooComplex> {
    if u64::from(count) > limits.max_functions {
        return Err(TooComplex::Functions(limits.max_functions));
    }
    Ok(())
}

#[doc(hidden)]
pub mod bombs {
    //! Hand-encoded hostile files for the limits above: public so that the
    //! unit tests here and the end-to-end tests build the very same bytes.

    fn leb(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }

    fn leb_len(n: usize) -> usize {
        let mut v = Vec::new();
        leb(n, &mut v);
        v.len()
    }

    const COMPONENT: [u8; 8] = [0, b'a', b's', b'm', 0x0d, 0, 1, 0];
    const MODULE: [u8; 8] = [0, b'a', b's', b'm', 1, 0, 0, 0];

    /// `depth` empty components, each nested in the next (linear to build).
    pub fn nested_components(depth: usize) -> Vec<u8> {
        let mut sizes = vec![COMPONENT.len()];
        for k in 1..=depth {
            let inner = sizes[k - 1];
            sizes.push(COMPONENT.len() + 1 + leb_len(inner) + inner);
        }
        let mut out = Vec::with_capacity(sizes[depth]);
        for k in (1..=depth).rev() {
            out.extend_from_slice(&COMPONENT);
            out.push(4);
            leb(sizes[k - 1], &mut out);
        }
        out.extend_from_slice(&COMPONENT);
        out
    }

    fn section(id: u8, body: &[u8], out: &mut Vec<u8>) {
        out.push(id);
        leb(body.len(), out);
        out.extend_from_slice(body);
    }

    /// A component holding one core module of `functions` functions, each
    /// with a body of `body_nops` `nop`s.
    pub fn module_in_component(functions: usize, body_nops: usize) -> Vec<u8> {
        let mut module = MODULE.to_vec();
        section(1, &[1, 0x60, 0, 0], &mut module);
        let mut funcs = Vec::new();
        leb(functions, &mut funcs);
        funcs.resize(funcs.len() + functions, 0);
        section(3, &funcs, &mut module);
        let mut body = vec![0u8];
        body.resize(1 + body_nops, 0x01);
        body.push(0x0b);
        let mut code = Vec::new();
        leb(functions, &mut code);
        for _ in 0..functions {
            leb(body.len(), &mut code);
            code.extend_from_slice(&body);
        }
        section(10, &code, &mut module);
        let mut component = COMPONENT.to_vec();
        section(1, &module, &mut component);
        component
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_component_passes() {
        prescan(&bombs::nested_components(3), &LOAD_LIMITS).unwrap();
        prescan(&bombs::module_in_component(10, 10), &LOAD_LIMITS).unwrap();
    }

    #[test]
    fn each_limit_is_named_when_passed() {
        assert_eq!(
            prescan(&bombs::nested_components(30_000), &LOAD_LIMITS),
            Err(TooComplex::Nesting(8))
        );
        assert_eq!(
            prescan(&bombs::module_in_component(900_000, 0), &LOAD_LIMITS),
            Err(TooComplex::Functions(100_000))
        );
        assert_eq!(
            prescan(&bombs::module_in_component(2, 2 << 20), &LOAD_LIMITS),
            Err(TooComplex::FunctionBytes((2 << 20) + 2, 1 << 20))
        );
        let tight = LoadLimits {
            max_file_bytes: 10,
            ..LOAD_LIMITS
        };
        assert!(matches!(
            prescan(&bombs::nested_components(3), &tight),
            Err(TooComplex::FileBytes(_, 10))
        ));
        // Left to the compiler, whose message is fuller.
        assert_eq!(prescan(b"\0asm\x0d\0\x01\0\x99", &LOAD_LIMITS), Ok(()));
    }
}
