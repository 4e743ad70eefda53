#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus under tests/fuzz/corpus/TARGET/ from what the repository already pins:
the golden keepalived captures (tests/golden), the protocol test vectors (docs/design/vrrp-protocol.md §8, as
tests/Vrrpd.Core.Tests pins them), the configuration files (conf/, vrrpd.conf.example, Debian's keepalived
samples when installed), and engine answers and kernel-log lines shaped as the Linux tests use them.
The corpus is committed; rerun this after a new vector or capture (docs/fuzzing.md). Seeds are named by content
hash, so a rerun adds and never renames."""
import glob, gzip, hashlib, json, os, re, shutil, sys

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
out = os.path.join(root, "tests", "fuzz", "corpus")


def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def frames():
    """Ethernet frames in hex: the golden capture's frame lines and every frame literal of the Core tests."""
    found = []
    with open(os.path.join(root, "tests", "golden", "keepalived-2.2.7-capture.txt")) as f:
        for line in f:
            line = line.strip()
            if len(line) > 28 and len(line) % 2 == 0 and re.fullmatch(r"[0-9a-f]+", line):
                found.append(line)
    for path in glob.glob(os.path.join(root, "tests", "Vrrpd.Core.Tests", "Protocol", "*.cs")):
        with open(path) as f:
            found += re.findall(r'FromEthernetFrame\("([0-9a-f]+)"\)', f.read())
            f.seek(0)
            found += [h for h in re.findall(r'"((?:01005e|3333)[0-9a-f]{60,})"', f.read())]
    return sorted(set(found))


def packet_seeds():
    # PacketContext (tests/fuzz/Vrrpd.Fuzz/Targets/PacketContext.cs): byte 0 bit 0 = IPv6; byte 1 = IPv6 hop limit.
    for frame in frames():
        raw = bytes.fromhex(frame)
        ethertype = raw[12:14]
        if ethertype == b"\x08\x00":
            ip = raw[14:]
            total = int.from_bytes(ip[2:4], "big")
            seed("packet", bytes([0x00, 0]) + ip[:total])
            seed("packet", bytes([0x50, 0]) + ip[:total])          # the instance's auth differs
        elif ethertype == b"\x86\xdd":
            ip = raw[14:]
            length = int.from_bytes(ip[4:6], "big")
            seed("packet", bytes([0x01, ip[7]]) + ip[40:40 + length])


def config_seeds():
    paths = [os.path.join(root, "vrrpd.conf.example")] + sorted(glob.glob(os.path.join(root, "conf", "*.conf")))
    for path in paths:
        with open(path, "rb") as f:
            seed("config", f.read())
    for path in sorted(glob.glob("/usr/share/doc/keepalived/samples/keepalived.conf.*")):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            seed("config", f.read())
    # The grammar's corners the samples do not show: parameters, conditional lines, includes, v3 over IPv6.
    seed("config", "$IF=eth0\n$PRIO=150\nvrrp_instance VI_1 {\n interface $IF\n virtual_router_id 51\n"
                   " @vrrpd-fuzz priority $PRIO\n @^vrrpd-fuzz priority 100\n advert_int 1\n"
                   " virtual_ipaddress {\n  192.0.2.100/24 dev $IF label eth0:1\n }\n}\n")
    seed("config", "global_defs { vrrp_version 3 }\ninclude /nonexistent/*.conf\nvrrp_instance V6 {\n state BACKUP\n"
                   " interface eth0\n virtual_router_id 7\n priority 100\n advert_int 0.05\n"
                   " unicast_peer {\n  fe80::2 min_ttl 250 max_ttl 255\n }\n virtual_ipaddress {\n  2001:db8::7/64\n }\n}\n")


def control_seeds():
    for line in ["status", '{"command":"status"}', '{"command":"demote","instance":"VI_1"}',
                 '{"command":"demote","all":true}', '{"command":"resume","instance":"VI_1"}',
                 '{"command":"clear","tracker":"GPUS"}', '{"command":"reload"}', '{"command":"events-file"}',
                 '{"ok":false,"message":"permission denied","diagnostics":["a.conf:1:1: error: x"]}']:
        seed("control", line + "\n")


def engine_seeds():
    # EngineResponseTarget: byte 0 mod 5 picks the reader (0 inspect, 1 event, 2 /version, 3 Api-Version, 4 error);
    # for inspect, byte 0 / 5 mod 3 the requirement (auto, running, healthy).
    inspects = [
        {"Id": "0123abcd", "Name": "/inference", "RestartCount": 0,
         "State": {"Status": "running", "Running": True, "Paused": False, "Restarting": False, "OOMKilled": False,
                   "Dead": False, "Pid": 42, "ExitCode": 0, "Error": "",
                   "Health": {"Status": "healthy", "FailingStreak": 0, "Log": []}},
         "Config": {"Image": "bb", "Healthcheck": {"Test": ["CMD-SHELL", "true"]}}},
        {"Id": "0123abcd", "Name": "/inference", "RestartCount": 3,
         "State": {"Status": "exited", "Running": False, "OOMKilled": True, "ExitCode": 137, "Error": ""},
         "Config": {}},
        {"Id": "0123abcd", "Name": "inference", "State": {"Status": "paused", "Running": True, "Paused": True}},
        {"Id": "0123abcd", "State": {"Status": "running", "Running": True, "Restarting": True,
                                     "Health": {"Status": "unhealthy", "FailingStreak": 5}},
         "Config": {"Healthcheck": {"Test": ["NONE"]}}},
    ]
    for require in range(3):
        for inspect in inspects:
            seed("engine", bytes([require * 5]) + json.dumps(inspect).encode())
    events = [
        {"Type": "container", "Action": "die", "Actor": {"ID": "0123abcd", "Attributes": {"name": "inference", "exitCode": "137"}},
         "time": 1700000000, "timeNano": 1700000000123456789},
        {"Type": "container", "Action": "kill", "Actor": {"ID": "0123abcd", "Attributes": {"name": "inference", "signal": "9"}}, "timeNano": 2},
        {"Type": "container", "Action": "health_status: unhealthy", "Actor": {"Attributes": {"name": "inference"}}, "timeNano": 3},
        {"Type": "container", "Action": "health_status", "Actor": {"Attributes": {"name": "inference", "health_status": "healthy"}}},
        {"Type": "container", "Action": "oom"}, {"Type": "container", "Action": "stop"}, {"Type": "image", "Action": "pull"},
    ]
    for event in events:
        seed("engine", bytes([1]) + json.dumps(event).encode())
    seed("engine", bytes([2]) + b'{"Version":"4.3.1","ApiVersion":"1.41","MinAPIVersion":"1.24"}')
    seed("engine", bytes([2]) + b'{"Version":"26.1.0","ApiVersion":"1.45","MinAPIVersion":"1.24","Os":"linux"}')
    for header in ["1.41", "1.47", "1.9", "2.0"]:
        seed("engine", bytes([3]) + header.encode())
    seed("engine", bytes([4]) + b'{"message":"client version 1.50 is too new. Maximum supported API version is 1.41"}')
    seed("engine", bytes([4]) + b'{"cause":"no such container","message":"no container with name or ID \\"x\\" found: no such container","response":404}')


def gpu_seeds():
    for line in ["4,1203,5593212,-;NVRM: Xid (PCI:0000:19:00): 79, pid=3124, name=python3, GPU has fallen off the bus.",
                 "NVRM: Xid (PCI:0000:19:00): 62, 32260b5e 000154b0 00000000 0000c4c2",
                 "6,9,10,-;NVRM: Xid (PCI:0000:af:00): 149, NETIR_LINK_EVT Fatal XC0 i0 Link 08 (0x004d8000 0x0 0x0)",
                 "3,1,2,-;NVRM: GPU 0000:3b:00.0: GPU has fallen off the bus.",
                 "4,101,6000,-;NVRM: Xid (PCI:0000:11:00): 119, pid=2, name=python, Timeout after 45s of waiting for RPC response from GPU1 GSP!",
                 "00000000:10:00.0", "0000:10:00.0", "0000:10:00"]:
        seed("gpu", line)


def entry(word):
    """One libFuzzer dictionary line: the word in quotes, with backslash, quote and unprintable bytes escaped."""
    escaped = "".join("\\\\" if c == "\\" else '\\"' if c == '"' else c if " " <= c <= "~" else f"\\x{ord(c):02X}"
                      for c in word)
    return f'"{escaped}"\n'


def dictionaries():
    """libFuzzer dictionaries (tests/fuzz/dict/): the configuration's keywords as the parser spells them, and the
    JSON field names and values the control socket and the engine readers look for. A mutation that inserts a
    whole keyword reaches the parser's branches far sooner than one that must find it byte by byte."""
    folder = os.path.join(root, "tests", "fuzz", "dict")
    os.makedirs(folder, exist_ok=True)
    words = set()
    for path in glob.glob(os.path.join(root, "src", "Vrrpd.Core", "Configuration", "**", "*.cs"), recursive=True):
        with open(path) as f:
            words |= set(re.findall(r'"([a-z][a-z0-9_]{1,40})"', f.read()))
    syntax = ["{", "}", "\n", "#", "!", "\"", "@", "@^", "$", "=", "include ", "/32", "/64", "::", "0.01", "255", "-1"]
    with open(os.path.join(folder, "config.dict"), "w") as f:
        for word in sorted(words) + syntax:
            f.write(entry(word))
    json_words = ["{", "}", "[", "]", ":", ",", "true", "false", "null", "\"\"", "0", "-1", "1e400", "\"\\u0000\"", "\"\\ud800\""]
    names = ["command", "instance", "all", "tracker", "ok", "message", "diagnostics", "status", "demote", "resume",
             "clear", "reload", "events-file", "Id", "Name", "RestartCount", "State", "Status", "Running", "Paused",
             "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error", "Health", "FailingStreak", "Config",
             "Healthcheck", "Test", "Type", "Action", "Actor", "ID", "Attributes", "timeNano", "Version",
             "ApiVersion", "MinAPIVersion", "container", "die", "kill", "oom", "stop", "start", "health_status",
             "running", "exited", "healthy", "unhealthy", "starting", "exitCode", "signal", "name"]
    with open(os.path.join(folder, "json.dict"), "w") as f:
        for word in json_words:
            f.write(entry(word))
        for name in names:
            f.write(entry(f'"{name}"'))


if __name__ == "__main__":
    if "--clean" in sys.argv:
        shutil.rmtree(out, ignore_errors=True)
    packet_seeds()
    config_seeds()
    control_seeds()
    engine_seeds()
    gpu_seeds()
    dictionaries()
    for target in sorted(os.listdir(out)):
        print(f"{target}: {len(os.listdir(os.path.join(out, target)))} seeds")
