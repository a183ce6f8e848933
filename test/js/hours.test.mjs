// "Open now" over OpenStreetMap-style opening hours.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isOpenAt } from "../../pb_public/js/hours.js";

// 2026-12-02 is a Wednesday.
const at = (day, hhmm) => new Date(`2026-12-0${day}T${hhmm}:00`);

test("isOpenAt reads days, ranges, off days and 24/7", () => {
    const cases = [
        ["Mo-Fr 09:00-18:00", at(2, "10:00"), true],
        ["Mo-Fr 09:00-18:00", at(2, "18:00"), false],
        ["Mo-Fr 09:00-18:00", at(5, "10:00"), false], // Saturday
        ["Tu,Th 14:00-18:00", at(3, "15:00"), true], // Thursday
        ["Tu,Th 14:00-18:00", at(2, "15:00"), false],
        ["Mo-Fr 09:00-12:00,14:00-18:00", at(2, "13:00"), false],
        ["Mo-Fr 09:00-12:00,14:00-18:00", at(2, "14:30"), true],
        ["Mo-Su 10:00-20:00; We off", at(2, "11:00"), false],
        ["Sa-Mo 10:00-12:00", at(6, "11:00"), true], // Sunday, range wrapping the week
        ["24/7", at(6, "03:00"), true],
    ];
    for (const [hours, date, want] of cases) {
        assert.equal(isOpenAt(hours, date), want, `${hours} at ${date}`);
    }
});

test("hours not understood are unknown (null), never a wrong closed", () => {
    for (const hours of ["", "sur rendez-vous", "Mo-Fr 9h-18h", "Xx 10:00-12:00", "PH off"]) {
        assert.equal(isOpenAt(hours, at(2, "10:00")), null, hours);
    }
});
