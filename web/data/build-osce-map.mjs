// Builds osce-map.json, the country shapes of the /stats map, from Natural Earth's 1:50m
// admin-0 boundaries as redistributed by the npm package world-atlas (see README.md).
// Run once when the map should change; the output is committed as data.
//
//   npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0
//   node build-osce-map.mjs > osce-map.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const atlas = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));

// ISO 3166-1 numeric -> alpha-2 for the participating States and the Mediterranean Partners
// (the Asian Partners lie outside the frame). Names are checked against Natural Earth's below.
const CODES = {
  AL: ["008", "Albania"], AD: ["020", "Andorra"], AM: ["051", "Armenia"], AT: ["040", "Austria"],
  AZ: ["031", "Azerbaijan"], BY: ["112", "Belarus"], BE: ["056", "Belgium"], BA: ["070", "Bosnia and Herz."],
  BG: ["100", "Bulgaria"], CA: ["124", "Canada"], HR: ["191", "Croatia"], CY: ["196", "Cyprus"],
  CZ: ["203", "Czechia"], DK: ["208", "Denmark"], EE: ["233", "Estonia"], FI: ["246", "Finland"],
  FR: ["250", "France"], GE: ["268", "Georgia"], DE: ["276", "Germany"], GR: ["300", "Greece"],
  VA: ["336", "Vatican"], HU: ["348", "Hungary"], IS: ["352", "Iceland"], IE: ["372", "Ireland"],
  IT: ["380", "Italy"], KZ: ["398", "Kazakhstan"], KG: ["417", "Kyrgyzstan"], LV: ["428", "Latvia"],
  LI: ["438", "Liechtenstein"], LT: ["440", "Lithuania"], LU: ["442", "Luxembourg"], MT: ["470", "Malta"],
  MD: ["498", "Moldova"], MC: ["492", "Monaco"], MN: ["496", "Mongolia"], ME: ["499", "Montenegro"],
  NL: ["528", "Netherlands"], MK: ["807", "Macedonia"], NO: ["578", "Norway"], PL: ["616", "Poland"],
  PT: ["620", "Portugal"], RO: ["642", "Romania"], RU: ["643", "Russia"], SM: ["674", "San Marino"],
  RS: ["688", "Serbia"], SK: ["703", "Slovakia"], SI: ["705", "Slovenia"], ES: ["724", "Spain"],
  SE: ["752", "Sweden"], CH: ["756", "Switzerland"], TJ: ["762", "Tajikistan"], TR: ["792", "Turkey"],
  TM: ["795", "Turkmenistan"], UA: ["804", "Ukraine"], GB: ["826", "United Kingdom"],
  US: ["840", "United States of America"], UZ: ["860", "Uzbekistan"],
  DZ: ["012", "Algeria"], EG: ["818", "Egypt"], IL: ["376", "Israel"], JO: ["400", "Jordan"],
  MA: ["504", "Morocco"], TN: ["788", "Tunisia"],
};

// Equirectangular, stretched for mid-latitudes; the frame runs from Alaska to Chukotka.
const LON0 = -172, LON1 = 192, LAT0 = 20, LAT1 = 83;
const SCALE = 4, XSCALE = Math.cos((52 * Math.PI) / 180);
const W = Math.round((LON1 - LON0) * SCALE * XSCALE), H = Math.round((LAT1 - LAT0) * SCALE);

function project(code, [lon, lat]) {
  if (code === "RU" && lon < 0) lon += 360;  // Chukotka east of the antimeridian
  if (code === "US" && lon > 0) lon -= 360;  // the western Aleutians
  return [(lon - LON0) * SCALE * XSCALE, (LAT1 - lat) * SCALE];
}

function ringPath(code, ring) {
  let out = "", last = null;
  for (const point of ring) {
    const [x, y] = project(code, point);
    if (last && Math.abs(x - last[0]) < 0.5 && Math.abs(y - last[1]) < 0.5) continue;
    out += (out ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
    last = [x, y];
  }
  return out ? out + "Z" : "";
}

const features = feature(atlas, atlas.objects.countries).features;
const countries = {};
for (const [code, [id, name]] of Object.entries(CODES)) {
  const f = features.find((g) => g.id === id && g.properties.name === name);
  if (!f) throw new Error(`no shape for ${code} (${id} ${name})`);
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  let d = "";
  for (const polygon of polygons) for (const ring of polygon) d += ringPath(code, ring);
  countries[code] = d;
}
process.stdout.write(JSON.stringify({
  source: "Natural Earth 1:50m Admin 0 countries (public domain), via the npm package world-atlas 2.0.2 (ISC licence)",
  viewBox: `0 0 ${W} ${H}`,
  countries,
}) + "\n");
