//! The compiled-cache flags shared by the commands that load policies
//! (`check`, `eval`, `serve`, `plugin inspect`).

use palisade::runtime::Runtime;
use palisade::runtime::cache::{self, DiskCache};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, clap::Args)]
pub struct CacheArgs {
    /// Where compiled plugins are cached, so a restart does not recompile
    /// them [default: `[cache] dir` in serve.toml, else $XDG_CACHE_HOME/palisade
    /// or ~/.cache/palisade]; also PALISADE_CACHE_DIR.
    #[arg(long, env = "PALISADE_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Compile every plugin from source; read and write no compiled cache.
    #[arg(long)]
    pub no_cache: bool,
}

impl CacheArgs {
    /// Opens the cache these flags choose (`configured`: a config file's
    /// `[cache] dir`) and gives it to `runtime`. A directory that cannot be
    /// used safely is reported and the runtime compiles without a cache.
    pub fn apply(&self, runtime: &Runtime, configured: Option<&Path>) {
        if self.no_cache {
            return;
        }
        let dir = self
            .cache_dir
            .clone()
            .or_else(|| configured.map(Path::to_path_buf))
            .or_else(cache::default_dir);
        let Some(dir) = dir else {
            tracing::info!(
                "no cache directory (neither XDG_CACHE_HOME nor HOME is set); compiling every plugin"
            );
            return;
        };
        match DiskCache::open(&dir) {
            Ok(c) => runtime.set_disk_cache(Some(c)),
            Err(e) => eprintln!("warning: not using the compiled cache: {e}"),
        }
    }
}

/// One line on what the cache did during a load, for `check`.
pub fn summary(runtime: &Runtime) -> String {
    match runtime.disk_cache() {
        None => format!("compiled cache: off ({} compiled)", runtime.compilations()),
        Some(c) => {
            let s = c.stats();
            let mut line = format!(
                "compiled cache: {} loaded, {} compiled, in {}",
                s.hits,
                runtime.compilations(),
                c.dir().display()
            );
            if s.rejected > 0 {
                line.push_str(&format!(
                    " ({} bad entries deleted and recompiled)",
                    s.rejected
                ));
            }
            line
        }
    }
}
