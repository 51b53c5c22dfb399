// An independent check of an Endorse credential, written against the
// standards only (VC-JWT, JWKS, Bitstring Status List) with the `jose` JWT
// library: it shares no code with Endorse.
//
//   node verify.mjs <jwks.json> <credential.jwt> <issuer> [<status list jwt>...] [--at <ISO time>]
//
// --at checks the dates as of that time instead of now.
// Prints one JSON line: {"verdict": "valid" | "expired" | "revoked" |
// "suspended" | "not-genuine", "reason": "..."}. Status lists are matched to
// the credential's entries by their id; an entry with `statusPurpose:
// "message"` is read as `statusSize` bits explained by its `statusMessage`.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { createLocalJWKSet, jwtVerify, errors } from "jose";

const args = process.argv.slice(2);
const atFlag = args.indexOf("--at");
const at = atFlag >= 0 ? new Date(args.splice(atFlag, 2)[1]) : new Date();
const [jwksPath, credentialPath, issuer, ...listPaths] = args;
if (!jwksPath || !credentialPath || !issuer) {
  console.error("usage: node verify.mjs <jwks.json> <credential.jwt> <issuer> [<status list jwt>...]");
  process.exit(2);
}

const say = (verdict, reason) => {
  console.log(JSON.stringify({ verdict, reason }));
  process.exit(0);
};

const keys = createLocalJWKSet(JSON.parse(readFileSync(jwksPath, "utf8")));
const options = { algorithms: ["EdDSA"], issuer, typ: "vc+jwt", currentDate: at };

let credential;
try {
  ({ payload: credential } = await jwtVerify(readFileSync(credentialPath, "utf8").trim(), keys, options));
} catch (error) {
  if (error instanceof errors.JWTExpired) say("expired", error.message);
  say("not-genuine", `${error.code ?? error.name}: ${error.message}`);
}
if (!credential.type?.includes("OpenBadgeCredential")) say("not-genuine", "not an Open Badges credential");
if (credential.issuer?.id !== issuer) say("not-genuine", "the credential names another issuer");
if (credential.validUntil && Date.parse(credential.validUntil) < at.getTime()) say("expired", "validUntil has passed");

const lists = new Map();
for (const path of listPaths) {
  try {
    const { payload } = await jwtVerify(readFileSync(path, "utf8").trim(), keys, options);
    lists.set(payload.id, payload);
  } catch (error) {
    say("not-genuine", `a status list does not verify: ${error.message}`);
  }
}

// The value of `size` bits at entry `index`, the most significant bit first
// (W3C Bitstring Status List 1.0).
const valueAt = (encoded, index, size) => {
  if (!encoded.startsWith("u")) throw new Error("the list is not multibase base64url");
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  let value = 0;
  for (let i = index * size; i < (index + 1) * size; i++) {
    if (i >= bytes.length * 8) throw new Error("index past the end of the list");
    value = (value << 1) | ((bytes[i >> 3] >> (7 - (i & 7))) & 1);
  }
  return value;
};

// credentialStatus is one object (as Open Badges 3.0 has it) or, in older
// credentials, a list of entries.
const status = credential.credentialStatus;
const entries = status === undefined ? [] : Array.isArray(status) ? status : [status];
const found = new Set();
let checked = 0;
for (const entry of entries) {
  const list = lists.get(entry.statusListCredential);
  if (!list) continue;
  if (list.credentialSubject.statusPurpose !== entry.statusPurpose) say("not-genuine", "a status list has another purpose");
  const size = Number(entry.statusSize ?? 1);
  const value = valueAt(list.credentialSubject.encodedList, Number(entry.statusListIndex), size);
  checked += 1;
  if (entry.statusPurpose === "message") {
    const message = (entry.statusMessage ?? []).find((m) => parseInt(m.status, 16) === value);
    if (!message) say("not-genuine", `the list holds ${value}, which the credential does not explain`);
    if (message.message !== "valid") found.add(message.message);
  } else if (value === 1) {
    found.add(entry.statusPurpose === "revocation" ? "revoked" : "suspended");
  }
}
if (found.has("revoked")) say("revoked", "the status list says revoked");
if (found.has("suspended")) say("suspended", "the status list says suspended");
say("valid", `signed by ${issuer}; checked ${checked} status entr${checked === 1 ? "y" : "ies"}`);
