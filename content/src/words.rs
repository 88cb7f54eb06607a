//! Small text helpers shared by the renderers: anchors, word and sentence counts,
//! and HTML escaping for the snippets we write ourselves.

/// An anchor from a heading or a name: lower case, runs of other characters
/// turned into single dashes (`"Why 20?"` → `why-20`).
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Words in `text`: whitespace-separated pieces holding a letter or digit.
pub(crate) fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Sentences in plain text: each `.`, `!` or `?` that ends the text or is
/// followed by a space. Decimals (`0.9995`) do not count.
pub(crate) fn count_sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim_end().chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
        })
        .count()
}

/// Escapes `&`, `<`, `>` and `"` so `text` can sit in HTML text or an attribute.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_words_sentences_and_escapes() {
        assert_eq!(slugify("Why `20`?"), "why-20");
        assert_eq!(
            slugify("LoRA format (fal / comfy)"),
            "lora-format-fal-comfy"
        );
        assert_eq!(count_words("One — two, 3 !"), 3);
        assert_eq!(count_sentences("Decay 0.9995 is slow. Really? Yes!"), 3);
        assert_eq!(count_sentences("No end"), 0);
        assert_eq!(
            escape_html("a <b> & \"c\""),
            "a &lt;b&gt; &amp; &quot;c&quot;"
        );
    }
}
