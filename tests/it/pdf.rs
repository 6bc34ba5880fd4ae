//! `insikt pdf` with the real Chromium (installed by `scripts/test.sh`): it prints only what
//! the site holds, never a local file a worksheet points at, and it never overwrites or
//! deletes a file it did not write.

use crate::common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const SECRET: &str = "HEMLIGHET-7Q4Z";

/// The `pdf-local-file` fixture, its worksheet pointing at a secret file outside the project.
fn project_pointing_outside() -> (tempfile::TempDir, PathBuf) {
    let (tmp, project) = copy_fixture("valid/pdf-local-file");
    let secret = tmp.path().join("hemlig.txt");
    std::fs::write(&secret, format!("{SECRET} från utanför projektet\n")).unwrap();
    let sheet = project.join("content/ark.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    std::fs::write(
        &sheet,
        text.replace("SECRET_FILE", secret.to_str().unwrap()),
    )
    .unwrap();
    (tmp, project)
}

fn pdf(project: &Path, out: &Path) -> std::process::Output {
    assert!(
        Command::new("sh")
            .args(["-c", "command -v chromium || command -v chromium-browser"])
            .output()
            .unwrap()
            .status
            .success(),
        "these tests need Chromium on PATH (bash scripts/setup-test-env.sh installs it)"
    );
    insikt(&[
        "pdf",
        project.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

fn pdf_text(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn pdf_prints_only_the_site_not_local_files_it_points_at() {
    let (tmp, project) = project_pointing_outside();
    let out = tmp.path().join("pdf");
    let o = pdf(&project, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdf_text(&out.join("utanfor.pdf"));
    assert!(
        text.contains("Vad vill ni uppnå?"),
        "the worksheet is printed:\n{text}"
    );
    assert!(
        !text.contains(SECRET),
        "a local file outside the site was printed:\n{text}"
    );
}

#[test]
fn pdf_never_overwrites_or_deletes_files_it_did_not_make() {
    let (tmp, project) = project_pointing_outside();
    let out = tmp.path().join("Skrivbord");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("utanfor.pdf"), "min egen pdf").unwrap();
    std::fs::write(out.join("annat.txt"), "annat").unwrap();
    let o = pdf(&project, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("utanfor.pdf"), "{err}");
    assert_eq!(
        snapshot(&out),
        [
            (PathBuf::from("annat.txt"), b"annat".to_vec()),
            (PathBuf::from("utanfor.pdf"), b"min egen pdf".to_vec()),
        ],
        "the folder changed"
    );

    std::fs::remove_file(out.join("utanfor.pdf")).unwrap();
    for _ in 0..2 {
        let o = pdf(&project, &out);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(out.join("utanfor.pdf"))
            .unwrap()
            .starts_with(b"%PDF"));
    }
    assert_eq!(std::fs::read(out.join("annat.txt")).unwrap(), b"annat");
}
