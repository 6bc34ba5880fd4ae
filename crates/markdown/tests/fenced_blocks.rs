//! `fenced_blocks`: the directive blocks of a body, found as the renderer finds them.

use insikt_markdown::fenced_blocks;

#[test]
fn blocks_are_found_in_reading_order_and_not_inside_other_code() {
    let body = "Text\n\n```chart\nid: a\n```\n\n````markdown\n```chart\nid: b\n```\n````\n\n- punkt\n\n  ~~~table\n  id: c\n  ~~~\n\n```python\nx = 1\n```\n";
    let blocks = fenced_blocks(body, &["chart", "table"]);
    let found: Vec<(&str, &str)> = blocks
        .iter()
        .map(|b| (b.name.as_str(), b.body.as_str()))
        .collect();
    assert_eq!(found, [("chart", "id: a\n"), ("table", "id: c\n")]);
    assert_eq!(&body[blocks[0].offset..blocks[0].offset + 8], "```chart");
    assert!(fenced_blocks("Inga block här.\n", &["chart"]).is_empty());
}
