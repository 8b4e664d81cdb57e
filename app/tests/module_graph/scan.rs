//! Reading the sources: every `crate::` and `super::` path of a file, its part and layer, and
//! the circles among parts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A part of the application the rules speak about, with its layer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    /// Something every layer may use (the generated translations, `crate::features` itself).
    Anywhere,
    Layer(u8, String),
}

pub(crate) const LAYERS: [&str; 6] = [
    "domain",
    "policy",
    "platform",
    "ui",
    "features",
    "pages and routes",
];

/// The part a module path (below `crate`) belongs to.
pub(crate) fn part(path: &[String]) -> Part {
    let first = path.first().map(String::as_str).unwrap_or("");
    match first {
        "" | "i18n" => Part::Anywhere,
        "domain" => Part::Layer(0, "domain".into()),
        "policy" => Part::Layer(1, "policy".into()),
        "platform" | "error" | "AppError" => Part::Layer(2, "platform".into()),
        "ui" => Part::Layer(3, "ui".into()),
        "features" => match path.get(1) {
            Some(feature) => Part::Layer(4, format!("features::{feature}")),
            None => Part::Anywhere,
        },
        "testing" => Part::Layer(6, "testing".into()),
        _ => Part::Layer(5, first.into()),
    }
}

/// One import: which file, which line, what it names.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub file: String,
    pub line: usize,
    pub path: Vec<String>,
}

/// The source text with comments, string and character literals blanked (lines kept).
pub(crate) fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && (next == Some('"') || next == Some('#'))
            && !ident_char_before(&chars, i)
        {
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let mut j = i + 2 + hashes;
            while j < chars.len() {
                if chars[j] == '"'
                    && chars[j + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes
                {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|c| blank(*c)));
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            let end = chars[i + 2..]
                .iter()
                .position(|c| *c == '\'')
                .map_or(chars.len(), |p| i + 3 + p);
            out.extend(chars[i..end].iter().map(|c| blank(*c)));
            i = end;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

pub(crate) fn ident_char_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The paths a use tree starting at `text` names (`a::b`, `a::{b, c::d}`, `*`), each as its
/// segments, and where the tree ends.
pub(crate) fn use_tree(text: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let skip_space = |i: &mut usize| {
        while *i < text.len() && text[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip_space(&mut i);
    if text.get(i) == Some(&'{') {
        i += 1;
        let mut paths = Vec::new();
        loop {
            skip_space(&mut i);
            match text.get(i) {
                None => return (paths, i),
                Some('}') => return (paths, i + 1),
                Some(',') => i += 1,
                _ => {
                    let (more, end) = use_tree(text, i);
                    if end == i {
                        return (paths, i);
                    }
                    paths.extend(more);
                    i = end;
                }
            }
        }
    }
    let start = i;
    while i < text.len() && (text[i].is_alphanumeric() || text[i] == '_') {
        i += 1;
    }
    if i == start {
        return (vec![Vec::new()], i);
    }
    let segment: String = text[start..i].iter().collect();
    let mut j = i;
    skip_space(&mut j);
    if text.get(j) == Some(&':') && text.get(j + 1) == Some(&':') {
        let (rest, end) = use_tree(text, j + 2);
        let paths = rest
            .into_iter()
            .map(|mut path| {
                path.insert(0, segment.clone());
                path
            })
            .collect();
        (paths, end)
    } else {
        (vec![vec![segment]], i)
    }
}

/// Every `crate::` and `super::` path of one file whose module is `module`, made absolute.
pub(crate) fn imports(file: &str, module: &[String], source: &str) -> Vec<Import> {
    let text: Vec<char> = code_only(source).chars().collect();
    let mut found = Vec::new();
    // The inline modules (`mod tests { … }`) around each position: (name, brace depth).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut pending_mod: Option<String> = None;
    let mut depth = 0usize;
    let mut line = 1;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        match c {
            '\n' => line += 1,
            '{' => {
                depth += 1;
                if let Some(name) = pending_mod.take() {
                    inline.push((name, depth));
                }
            }
            '}' => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
            }
            ';' => pending_mod = None,
            _ => {}
        }
        if (c.is_alphabetic() || c == '_') && !ident_char_before(&text, i) {
            let start = i;
            while i < text.len() && (text[i].is_alphanumeric() || text[i] == '_') {
                i += 1;
            }
            let word: String = text[start..i].iter().collect();
            if word == "mod" {
                let (name, _) = use_tree(&text, i);
                pending_mod = name.into_iter().next().and_then(|p| p.into_iter().next());
                continue;
            }
            if (word == "crate" || word == "super")
                && text.get(i) == Some(&':')
                && text.get(i + 1) == Some(&':')
            {
                let (paths, end) = use_tree(&text, start);
                let here: Vec<String> = module
                    .iter()
                    .cloned()
                    .chain(inline.iter().map(|(n, _)| n.clone()))
                    .collect();
                for path in paths {
                    if let Some(absolute) = absolute(&here, &path) {
                        found.push(Import {
                            file: file.to_owned(),
                            line,
                            path: absolute,
                        });
                    }
                }
                line += text[start..end].iter().filter(|c| **c == '\n').count();
                i = end;
            }
            continue;
        }
        i += 1;
    }
    found
}

/// `path` (starting with `crate` or `super`) as seen from the module `here`, below `crate`.
pub(crate) fn absolute(here: &[String], path: &[String]) -> Option<Vec<String>> {
    match path.first().map(String::as_str) {
        Some("crate") => Some(path[1..].to_vec()),
        Some("super") => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            let base = here.len().checked_sub(ups)?;
            Some(
                here[..base]
                    .iter()
                    .cloned()
                    .chain(path[ups..].iter().cloned())
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The module path of a source file below its crate's `src`.
pub(crate) fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

pub(crate) fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every import of the crate whose sources are in `src`, with the importing file's module.
pub(crate) fn crate_imports(src: &Path) -> Vec<(Vec<String>, Import)> {
    let root = src
        .parent()
        .expect("a crate folder")
        .parent()
        .expect("the workspace");
    sources(src)
        .into_iter()
        .flat_map(|file| {
            let module = module_of(file.strip_prefix(src).expect("below src"));
            let shown = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            let source = std::fs::read_to_string(&file).expect("read a source file");
            imports(&shown, &module, &source)
                .into_iter()
                .map(move |import| (module.clone(), import))
        })
        .collect()
}

/// What breaks the layer rule: a part importing a part of a higher layer.
pub(crate) fn layer_breaks(imports: &[(Vec<String>, Import)]) -> Vec<String> {
    let mut breaks = Vec::new();
    for (module, import) in imports {
        let (Part::Layer(from, from_name), Part::Layer(to, to_name)) =
            (part(module), part(&import.path))
        else {
            continue;
        };
        if to > from && from_name != to_name {
            let layer = |n: u8| {
                LAYERS
                    .get(usize::from(n))
                    .copied()
                    .unwrap_or("test support")
            };
            breaks.push(format!(
                "{}:{} imports crate::{}: `{from_name}` is in the {} layer, which may not depend on \
                 the {} layer above it; move the shared item down, or this code up \
                 (ARCHITECTURE.md, \"Layers\")",
                import.file,
                import.line,
                import.path.join("::"),
                layer(from),
                layer(to),
            ));
        }
    }
    breaks
}

/// The first circle among the parts `grouping` names, each step with the import that makes it.
pub(crate) fn circle(
    imports: &[(Vec<String>, Import)],
    grouping: impl Fn(&[String]) -> Option<String>,
) -> Option<String> {
    let mut edges: Edges = BTreeMap::new();
    for (module, import) in imports {
        if let (Some(from), Some(to)) = (grouping(module), grouping(&import.path))
            && from != to
        {
            edges.entry(from).or_default().entry(to).or_insert(import);
        }
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|start| walk(start, None, &edges, &mut Vec::new(), &mut done))
}

pub(crate) type Edges<'a> = BTreeMap<String, BTreeMap<String, &'a Import>>;

/// Depth first from `node` (reached by `via`), with the parts on the way in `stack`.
pub(crate) fn walk<'a>(
    node: &str,
    via: Option<&'a Import>,
    edges: &Edges<'a>,
    stack: &mut Vec<(String, Option<&'a Import>)>,
    done: &mut BTreeSet<String>,
) -> Option<String> {
    let step = |name: &str, import: Option<&Import>| match import {
        Some(import) => format!(" → {name} ({}:{})", import.file, import.line),
        None => name.to_owned(),
    };
    if let Some(at) = stack.iter().position(|(name, _)| name == node) {
        let mut text = stack[at].0.clone();
        for (name, import) in &stack[at + 1..] {
            text.push_str(&step(name, *import));
        }
        text.push_str(&step(node, via));
        return Some(text);
    }
    if done.contains(node) {
        return None;
    }
    stack.push((node.to_owned(), via));
    for (next, import) in edges.get(node).into_iter().flatten() {
        if let Some(found) = walk(next, Some(*import), edges, stack, done) {
            return Some(found);
        }
    }
    stack.pop();
    done.insert(node.to_owned());
    None
}
