//! rapport's vdir export and import carry partners to and from a CardDAV
//! server through vdirsyncer, end to end: a real Radicale on 127.0.0.1
//! with a temporary storage, the vdirsyncer config README.md gives, a card
//! edited on the server by a plain HTTP PUT, and nothing duplicated.
//!
//! Radicale and vdirsyncer are Python programs: `.ci/run` installs them in
//! a venv and names its `bin` in `RAPPORT_DAV_BIN`; otherwise they are
//! looked for on PATH, and the test is skipped when they are missing
//! (except under CI with Python present, where a broken install must fail).

mod common;

use common::{Env, json};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_secs(10);

/// A program in `RAPPORT_DAV_BIN`, else on PATH.
fn tool(name: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match std::env::var_os("RAPPORT_DAV_BIN") {
        Some(d) if !d.is_empty() => vec![PathBuf::from(d)],
        _ => std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).collect(),
    };
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn on_path(name: &str) -> bool {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()).any(|d| d.join(name).is_file())
}

/// Radicale, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(radicale: &Path, dir: &Path) -> Server {
        // A free port: bind port 0, note it, let it go.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = dir.join("radicale.conf");
        std::fs::write(
            &config,
            format!(
                "[server]\nhosts = 127.0.0.1:{port}\n\n[auth]\ntype = none\n\n\
                 [storage]\nfilesystem_folder = {}\n\n[logging]\nlevel = warning\n",
                dir.join("storage").display()
            ),
        )
        .unwrap();
        let log = dir.join("radicale.log");
        let child = Command::new(radicale)
            .arg("--config")
            .arg(&config)
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join(".config"))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(dir.join("radicale.err")).unwrap())
            .spawn()
            .unwrap();
        let mut server = Server { child, port, log };
        for _ in 0..200 {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("Radicale exited ({status}): {}", server.logs());
            }
            if TcpStream::connect_timeout(&server.addr(), Duration::from_millis(200)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("Radicale did not answer on port {port} in 10 s: {}", server.logs());
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.port))
    }

    fn logs(&self) -> String {
        let err = self.log.with_file_name("radicale.err");
        format!(
            "{}{}",
            std::fs::read_to_string(&self.log).unwrap_or_default(),
            std::fs::read_to_string(err).unwrap_or_default()
        )
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// One HTTP/1.1 request to the server, `Connection: close`, read to
    /// the end: the status, the headers (names lower case) and the body.
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let mut s = TcpStream::connect_timeout(&self.addr(), STEP).unwrap();
        s.set_read_timeout(Some(STEP)).unwrap();
        s.set_write_timeout(Some(STEP)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP answer");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
        }
    }

    /// The hrefs of the cards in a collection.
    fn cards(&self, collection: &str) -> Vec<String> {
        let r = self.request(
            "PROPFIND",
            collection,
            &[("Depth", "1"), ("Content-Type", "application/xml")],
            br#"<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>"#,
        );
        assert_eq!(r.status, 207, "PROPFIND {collection}: {}", r.body);
        r.body
            .split("href>")
            .filter_map(|s| s.strip_suffix("</D:").or_else(|| s.strip_suffix("</")))
            .filter(|h| h.ends_with(".vcf"))
            .map(str::to_string)
            .collect()
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Runs vdirsyncer with the test's config, no input, at most a minute.
fn vdirsyncer(bin: &Path, config: &Path, home: &Path, args: &[&str]) -> String {
    let mut child = Command::new(bin)
        .arg("-c")
        .arg(config)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("vdirsyncer {args:?} took over a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "vdirsyncer {args:?} failed: {text}");
    text
}

/// The README's vdirsyncer config, with the test's paths and port.
fn vdirsyncer_config(status: &Path, vdir: &Path, url: &str) -> String {
    format!(
        r#"[general]
status_path = "{}/"

[pair rapport]
a = "rapport_vdir"
b = "rapport_carddav"
collections = null
conflict_resolution = "b wins"

[storage rapport_vdir]
type = "filesystem"
path = "{}/"
fileext = ".vcf"

[storage rapport_carddav]
type = "carddav"
url = "{url}"
"#,
        status.display(),
        vdir.display()
    )
}

fn vcf_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".vcf"))
        .collect();
    names.sort();
    names
}

#[test]
fn partners_go_to_a_carddav_server_and_an_edit_there_comes_back_without_duplicates() {
    let (Some(radicale), Some(vds)) = (tool("radicale"), tool("vdirsyncer")) else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        if ci && on_path("python3") {
            panic!("CI with python3 but no radicale and vdirsyncer (RAPPORT_DAV_BIN); .ci/run installs them");
        }
        eprintln!("skipped: radicale and vdirsyncer not found (set RAPPORT_DAV_BIN to a venv's bin, or see .ci/run)");
        return;
    };
    let env = Env::new();
    let home = env.dir.path();
    env.ok(&["add", "Jürgen Müller", "--org", "Müller Steuer"]);
    env.ok(&[
        "add",
        "Dana Lee",
        "--org",
        "Lee Family Law",
        "--email",
        "dana@leefamilylaw.example",
        "--phone",
        "+1 555 0100",
    ]);
    env.ok(&["add", "Rosa Alvarez", "--email", "rosa@alvarez.example"]);
    let vdir = home.join("rapport-vdir");
    let vdir_arg = vdir.to_str().unwrap();
    let out = env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("3 written"), "{said}");

    let server = Server::start(&radicale, home);
    // The user's principal, then the address book in it.
    assert_eq!(
        server.request("MKCOL", "/user/", &[], b"").status,
        201,
        "{}",
        server.logs()
    );
    let mkcol = server.request(
        "MKCOL",
        "/user/contacts/",
        &[("Content-Type", "application/xml")],
        br#"<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype></D:prop></D:set></D:mkcol>"#,
    );
    assert_eq!(mkcol.status, 201, "{} {}", mkcol.body, server.logs());

    let config = home.join("vdirsyncer.conf");
    std::fs::write(
        &config,
        vdirsyncer_config(&home.join("vdirsyncer-status"), &vdir, &server.url("/user/contacts/")),
    )
    .unwrap();
    vdirsyncer(&vds, &config, home, &["discover"]);
    let up = vdirsyncer(&vds, &config, home, &["sync"]);
    eprintln!("first sync:\n{up}");
    let hrefs = server.cards("/user/contacts/");
    assert_eq!(hrefs.len(), 3, "{hrefs:?}");

    // Jürgen's card as a phone would write it back: its own PRODID and
    // order, vCard 3.0, a new mobile number, a note and an address.
    let jurgen = hrefs
        .iter()
        .find(|h| {
            server
                .request("GET", h, &[], b"")
                .body
                .contains("UID:urn:rapport:jurgen-muller\r\n")
        })
        .expect("Jürgen's card on the server")
        .clone();
    let got = server.request("GET", &jurgen, &[], b"");
    assert!(got.body.contains("FN:Jürgen Müller"), "{}", got.body);
    let etag = got.header("etag").expect("an ETag").to_string();
    let edited = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Phone//Contacts 1.0//EN\r\n\
                  N:Müller;Jürgen;;;\r\nFN:Jürgen Müller\r\nORG:Müller Steuer\r\n\
                  TEL;TYPE=CELL:+49 30 1234567\r\nNOTE:Met at the Berlin fair\r\n\
                  ADR;TYPE=WORK:;;Hauptstr. 1;Berlin;;10115;Germany\r\n\
                  UID:urn:rapport:jurgen-muller\r\nEND:VCARD\r\n";
    let put = server.request(
        "PUT",
        &jurgen,
        &[("If-Match", &etag), ("Content-Type", "text/vcard; charset=utf-8")],
        edited.as_bytes(),
    );
    assert!(matches!(put.status, 201 | 204), "PUT {}: {}", put.status, put.body);
    let etag = server
        .request("GET", &jurgen, &[], b"")
        .header("etag")
        .unwrap()
        .to_string();

    let down = vdirsyncer(&vds, &config, home, &["sync"]);
    eprintln!("sync back:\n{down}");
    assert_eq!(
        vcf_files(&vdir),
        ["dana-lee.vcf", "jurgen-muller.vcf", "rosa-alvarez.vcf"]
    );
    let file = std::fs::read_to_string(vdir.join("jurgen-muller.vcf")).unwrap();
    assert!(file.contains("+49 30 1234567"), "{file}");

    let import = json(&env.ok(&["import", vdir_arg, "--json"]).stdout);
    eprintln!("import: {}", serde_json::to_string(&import).unwrap());
    assert_eq!(import["added"].as_array().unwrap().len(), 0, "{import}");
    let updated = import["updated"].as_array().unwrap();
    assert_eq!(updated.len(), 1, "{import}");
    assert_eq!(updated[0]["id"], "jurgen-muller");
    let show = json(&env.ok(&["show", "jurgen", "--json"]).stdout);
    assert_eq!(show["contact"]["phones"], serde_json::json!(["+49 30 1234567"]));
    assert_eq!(show["contact"]["notes"], "Met at the Berlin fair");
    let list = json(&env.ok(&["list", "--json"]).stdout);
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["dana-lee", "jurgen-muller", "rosa-alvarez"]);

    // Exported again with nothing changed in rapport: the server's version
    // of Jürgen's card stays as it is (its address too), and the next sync
    // has nothing to carry.
    let out = env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("0 written, 3 unchanged"), "{said}");
    let quiet = vdirsyncer(&vds, &config, home, &["sync"]);
    assert!(!quiet.contains("Copying"), "{quiet}");
    let again = server.request("GET", &jurgen, &[], b"");
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    assert!(again.body.contains("Hauptstr. 1"), "{}", again.body);

    // A change made in rapport goes up to the same card, not a new one.
    env.ok(&["edit", "rosa", "--tag", "estate"]);
    env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    let rosa_up = vdirsyncer(&vds, &config, home, &["sync"]);
    assert!(rosa_up.contains("updating"), "{rosa_up}");
    let hrefs_after = server.cards("/user/contacts/");
    assert_eq!(hrefs_after.len(), 3, "{hrefs_after:?}");
    let mut sorted = hrefs.clone();
    sorted.sort();
    let mut after = hrefs_after;
    after.sort();
    assert_eq!(after, sorted);
    let rosa = hrefs
        .iter()
        .map(|h| server.request("GET", h, &[], b"").body)
        .find(|b| b.contains("UID:urn:rapport:rosa-alvarez\r\n"))
        .expect("Rosa's card on the server");
    assert!(rosa.contains("CATEGORIES:estate"), "{rosa}");
    // And importing once more changes nothing and adds no one.
    let import = json(&env.ok(&["import", vdir_arg, "--json"]).stdout);
    assert_eq!(import["added"].as_array().unwrap().len(), 0, "{import}");
    assert_eq!(import["updated"].as_array().unwrap().len(), 0, "{import}");
    assert_eq!(json(&env.ok(&["list", "--json"]).stdout).as_array().unwrap().len(), 3);

    // A card added on the phone comes down under the name vdirsyncer gave
    // it, becomes one new partner, and the export keeps writing that file
    // rather than a second one with the same UID (which vdirsyncer refuses).
    let maria = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Phone//Contacts 1.0//EN\r\n\
                 UID:5F1C2B7A-PHONE-0001\r\nFN:Maria Weber\r\nN:Weber;Maria;;;\r\n\
                 EMAIL;TYPE=WORK:maria@weber.example\r\nEND:VCARD\r\n";
    let put = server.request(
        "PUT",
        "/user/contacts/5F1C2B7A-PHONE-0001.vcf",
        &[("If-None-Match", "*"), ("Content-Type", "text/vcard; charset=utf-8")],
        maria.as_bytes(),
    );
    assert_eq!(put.status, 201, "{}", put.body);
    vdirsyncer(&vds, &config, home, &["sync"]);
    let import = json(&env.ok(&["import", vdir_arg, "--json"]).stdout);
    assert_eq!(import["added"].as_array().unwrap().len(), 1, "{import}");
    env.ok(&["edit", "maria", "--tag", "tax"]);
    let out = env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    eprintln!("{}{}: {:?}", out.stdout, out.stderr, vcf_files(&vdir));
    assert_eq!(vcf_files(&vdir).len(), 4, "{:?}", vcf_files(&vdir));
    let up = vdirsyncer(&vds, &config, home, &["sync"]);
    assert!(up.contains("updating"), "{up}");
    assert_eq!(server.cards("/user/contacts/").len(), 4);
    let list = json(&env.ok(&["list", "--json"]).stdout);
    assert_eq!(list.as_array().unwrap().len(), 4);
}

/// The same two rules without a server, so they hold where Python is
/// missing: a card that came in under another file name keeps that file,
/// and a card rewritten in other words is left alone.
#[test]
fn the_vdir_export_keeps_a_synced_file_and_leaves_a_rewritten_card_alone() {
    let env = Env::new();
    env.ok(&["add", "Dana Lee", "--phone", "+1 555 0100"]);
    let vdir = env.dir.path().join("vdir");
    let vdir_arg = vdir.to_str().unwrap();
    env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    let dana = "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Radicale//NONSGML Version 3//EN\r\n\
                UID:urn:rapport:dana-lee\r\nFN:Dana Lee\r\nN:Lee;Dana;;;\r\nTEL:+1 555 0100\r\n\
                ADR:;;1 Main St;Springfield;;;\r\nEND:VCARD\r\n";
    std::fs::write(vdir.join("dana-lee.vcf"), dana).unwrap();
    std::fs::write(
        vdir.join("5F1C2B7A-PHONE-0001.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:5F1C2B7A-PHONE-0001\r\nFN:Maria Weber\r\nEND:VCARD\r\n",
    )
    .unwrap();
    env.ok(&["import", vdir_arg]);
    env.ok(&["edit", "maria", "--tag", "tax"]);
    let out = env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("1 written, 1 unchanged"), "{said}");
    assert_eq!(vcf_files(&vdir), ["5F1C2B7A-PHONE-0001.vcf", "dana-lee.vcf"]);
    assert_eq!(std::fs::read_to_string(vdir.join("dana-lee.vcf")).unwrap(), dana);
    let maria = std::fs::read_to_string(vdir.join("5F1C2B7A-PHONE-0001.vcf")).unwrap();
    assert!(
        maria.contains("UID:5F1C2B7A-PHONE-0001\r\n") && maria.contains("CATEGORIES:tax"),
        "{maria}"
    );
    // A file an earlier export wrote under the partner's own name beside it
    // goes, so the folder holds the card once.
    std::fs::write(vdir.join("maria-weber.vcf"), &maria).unwrap();
    env.ok(&["edit", "maria", "--tag", "tax,estate"]);
    env.ok(&["export", "--format", "vdir", "-o", vdir_arg]);
    assert_eq!(vcf_files(&vdir), ["5F1C2B7A-PHONE-0001.vcf", "dana-lee.vcf"]);
}
