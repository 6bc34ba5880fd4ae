//! Builds at the same time and interrupted builds: a lock beside the output makes a second
//! build wait for the first; the next build removes the staging folders a killed build left.

use crate::common;

use common::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn spawn_build(project: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_insikt"))
        .args(["build", project.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Names in `dir` that insikt uses for its own work beside an output.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("insikt-"))
        .collect()
}

#[test]
fn builds_started_at_once_all_end_well() {
    let (tmp, project) = copy_fixture("valid/privacy-sv");
    let reference = tmp.path().join("reference");
    build(&project, &reference);
    let expected = snapshot(&reference);
    for round in 0..6 {
        let builds: Vec<Child> = (0..5).map(|_| spawn_build(&project)).collect();
        for b in builds {
            let o = b.wait_with_output().unwrap();
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert!(
            snapshot(&project.join("public")) == expected,
            "round {round}: the site differs from a build on its own"
        );
        assert_eq!(leftovers(&project), Vec::<String>::new(), "round {round}");
    }
}

#[test]
fn a_second_build_waits_for_the_lock() {
    let (_tmp, project) = copy_fixture("valid/report-sv");
    let lock = std::fs::File::create(project.join(".public.insikt-lock")).unwrap();
    lock.lock().unwrap();
    let mut waiting = spawn_build(&project);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "the build did not wait for the lock"
    );
    assert!(!project.join("public").exists());
    lock.unlock().unwrap();
    let o = waiting.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("waiting"), "no message while waiting:\n{err}");
    assert!(project.join("public/index.html").is_file());
    assert_eq!(leftovers(&project), Vec::<String>::new());
}

/// A project with `pages` extra pages, so that a build takes a while.
fn large_project(pages: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, project) = copy_fixture("valid/report-sv");
    let section = project.join("content/massor");
    std::fs::create_dir_all(&section).unwrap();
    std::fs::write(section.join("_index.md"), "# Massor\n").unwrap();
    for i in 0..pages {
        std::fs::write(
            section.join(format!("sida-{i}.md")),
            format!("# Sida {i}\n\nEtt stycke text om sida {i}.\n"),
        )
        .unwrap();
    }
    (tmp, project)
}

#[test]
fn a_killed_build_leaves_a_staging_folder_that_the_next_build_removes() {
    let (_tmp, project) = large_project(3000);
    let staging = 'kill: {
        for _ in 0..5 {
            let mut child = spawn_build(&project);
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
                let found = leftovers(&project)
                    .into_iter()
                    .find(|n| n.starts_with(".public.insikt-new-"));
                if let Some(name) = found {
                    let staging = project.join(name);
                    // Wait until it holds files, so it is a real half-written site (a first
                    // build writes them in the fresh tree `site` inside it).
                    let entries =
                        |dir: &std::path::Path| std::fs::read_dir(dir).map_or(0, |d| d.count());
                    if entries(&staging) + entries(&staging.join("site")) > 3 {
                        child.kill().unwrap();
                        child.wait().unwrap();
                        break 'kill staging;
                    }
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("never caught a build in the middle of writing");
    };
    assert!(
        staging.is_dir(),
        "the killed build cleaned up after itself?"
    );

    let o = insikt(&["build", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!staging.exists(), "the stale staging folder is still there");
    assert_eq!(leftovers(&project), Vec::<String>::new());
}

#[test]
fn a_suppression_report_left_half_written_is_removed() {
    let (_tmp, project) = copy_fixture("valid/report-sv");
    let public = project.join("public");
    build(&project, &public);
    // What a build killed while writing the report beside the output leaves.
    let stale = project.join(".public-suppression-report.md.insikt-tmp-99999");
    std::fs::write(&stale, "half").unwrap();
    // Files that only look like it are someone else's.
    let other_output = project.join(".andra-suppression-report.md.insikt-tmp-99999");
    let not_a_pid = project.join(".public-suppression-report.md.insikt-tmp-utkast");
    std::fs::write(&other_output, "x").unwrap();
    std::fs::write(&not_a_pid, "x").unwrap();
    std::fs::write(project.join("content/ny.md"), "# Ny\n\nText.\n").unwrap();
    build(&project, &public);
    assert!(!stale.exists(), "the half-written report is still there");
    assert!(other_output.exists() && not_a_pid.exists());
}

#[test]
fn a_stale_old_site_of_this_project_is_removed() {
    let (_tmp, project) = copy_fixture("valid/report-sv");
    let public = project.join("public");
    build(&project, &public);
    // What a build killed between moving the old site aside and deleting it leaves.
    let stale = project.join(".public.insikt-old-99999");
    std::fs::create_dir(&stale).unwrap();
    for (rel, _) in snapshot(&public) {
        let to = stale.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(public.join(&rel), to).unwrap();
    }
    build(&project, &public);
    assert!(!stale.exists(), "the stale old site is still there");
}
