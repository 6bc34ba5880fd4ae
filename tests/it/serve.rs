//! `insikt serve`: serves the built site on loopback, rebuilds on change, keeps the last
//! good site (with the error shown) when a build fails, and stops on Ctrl-C (SIGINT).

use crate::common;

use common::*;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A plain HTTP/1.1 GET on 127.0.0.1; `None` if nothing answers.
fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect_timeout(
        &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        Duration::from_secs(2),
    )
    .ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Polls `path` until `ok` holds for the response, for at most `secs` seconds.
fn wait_for(port: u16, path: &str, secs: u64, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Some(r) = get(port, path) {
            if ok(&r) {
                return r;
            }
            last = r;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("no matching response from {path} within {secs} s; last:\n{last}");
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// This machine's address on its default route, if it has one.
fn non_loopback_ip() -> Option<std::net::IpAddr> {
    let s = UdpSocket::bind("0.0.0.0:0").ok()?;
    s.connect("192.0.2.1:9").ok()?;
    let ip = s.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[test]
fn serve_rebuilds_keeps_the_last_good_site_and_stays_on_loopback() {
    let (_tmp, project) = copy_fixture("valid/report-sv");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_insikt"))
            .args([
                "serve",
                project.to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );

    let page = "/sammanfattning/index.html";
    let first = wait_for(port, page, 60, |r| r.starts_with("HTTP/1.1 200"));
    assert!(first.contains("<h1"), "{first}");
    assert!(first.contains("/__insikt/status"), "no reload script");
    assert!(get(port, "/sammanfattning/")
        .unwrap()
        .starts_with("HTTP/1.1 200"));
    assert!(get(port, "/../book.toml")
        .unwrap()
        .starts_with("HTTP/1.1 404"));

    // An edit shows up.
    let file = project.join("content/sammanfattning.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\nEtt alldeles nytt stycke om förhandsvisning.\n"),
    )
    .unwrap();
    wait_for(port, page, 20, |r| r.contains("alldeles nytt stycke"));
    // The page alone was rendered at once; print.html follows once the edits pause.
    wait_for(port, "/print.html", 30, |r| {
        r.contains("alldeles nytt stycke")
    });

    // A broken build: the last good page is still served, with the error.
    std::fs::write(&file, format!("---\ntitle: [oavslutad\n---\n{text}")).unwrap();
    let broken = wait_for(port, page, 20, |r| r.contains("insikt-build-error"));
    assert!(
        broken.contains("alldeles nytt stycke"),
        "last good page not served"
    );
    assert!(
        broken.contains("content/sammanfattning.md"),
        "error not named"
    );

    // Fixed again: the error goes away.
    std::fs::write(&file, &text).unwrap();
    wait_for(port, page, 20, |r| {
        !r.contains("insikt-build-error") && !r.contains("alldeles nytt stycke")
    });

    // Not reachable on a non-loopback address of this machine.
    if let Some(ip) = non_loopback_ip() {
        let reached =
            TcpStream::connect_timeout(&SocketAddr::new(ip, port), Duration::from_secs(2));
        assert!(reached.is_err(), "the server answered on {ip}");
    }

    // Ctrl-C stops it cleanly.
    let pid = server.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    server
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}\n{stderr}");
    assert!(stderr.contains("Stopped."), "{stderr}");
    assert!(
        stderr.contains("Updated 1 edited page(s)"),
        "the edit was not taken alone: {stderr}"
    );
    assert!(get(port, page).is_none(), "still serving after Ctrl-C");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `insikt serve` in the folder `cwd` with `args`, its temporary folder in `temp`.
fn serve_in(cwd: &Path, args: &[&str], temp: &Path) -> Server {
    Server(
        Command::new(env!("CARGO_BIN_EXE_insikt"))
            .args(args)
            .current_dir(cwd)
            .env("TMPDIR", temp)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    )
}

/// Sends `signal` and waits for the server to stop; returns its standard error.
fn stop(server: &mut Server, signal: &str) -> String {
    let pid = server.0.id().to_string();
    assert!(Command::new("kill")
        .args([signal, &pid])
        .status()
        .unwrap()
        .success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on {signal}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut stderr = String::new();
    server
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?} on {signal}\n{stderr}");
    stderr
}

/// Appends a paragraph to the chart page and waits until the server shows it.
fn edit_and_see_rebuild(port: u16, project: &Path) {
    let page = "/diagram/";
    wait_for(port, page, 60, |r| r.starts_with("HTTP/1.1 200"));
    let file = project.join("content/diagram.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nEtt stycke skrivet under serve.\n")).unwrap();
    wait_for(port, page, 20, |r| r.contains("skrivet under serve"));
}

fn entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn serve_inside_the_project_rebuilds_on_edits_and_cleans_up_on_sigterm() {
    let (tmp, project) = copy_fixture("valid/privacy-sv");
    let temp = tmp.path().join("temp");
    std::fs::create_dir(&temp).unwrap();
    let port = free_port();
    let mut server = serve_in(&project, &["serve", "--port", &port.to_string()], &temp);
    edit_and_see_rebuild(port, &project);
    let stderr = stop(&mut server, "-TERM");
    assert!(stderr.contains("Stopped."), "{stderr}");
    assert_eq!(
        entries(&temp),
        Vec::<String>::new(),
        "left in the temporary folder"
    );
    assert_eq!(
        entries(tmp.path()).len(),
        2,
        "serve wrote beside the project: {:?}",
        entries(tmp.path())
    );
}

#[test]
fn serve_with_a_relative_dir_rebuilds_and_cleans_up_on_ctrl_c() {
    let (tmp, project) = copy_fixture("valid/privacy-sv");
    let temp = tmp.path().join("temp");
    std::fs::create_dir(&temp).unwrap();
    let port = free_port();
    let mut server = serve_in(
        tmp.path(),
        &["serve", "valid/privacy-sv", "--port", &port.to_string()],
        &temp,
    );
    edit_and_see_rebuild(port, &project);
    stop(&mut server, "-INT");
    assert_eq!(
        entries(&temp),
        Vec::<String>::new(),
        "left in the temporary folder"
    );
}
