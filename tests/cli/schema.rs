//! `throughline schema`: JSON Schemas for editors.

use super::harness::Site;

#[test]
fn schema_prints_one_kind_or_writes_them_all() {
    let site = Site::empty();
    let one = site.run(&["schema", "project"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let schema: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(
        schema["properties"]["rag"]["enum"],
        serde_json::json!(["green", "amber-green", "amber", "amber-red", "red"])
    );

    let all = site.run(&["schema", "--output", "schemas"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let kinds = ["organisation", "team", "priority", "objective", "programme", "project", "checkin", "review"];
    assert_eq!(all.stdout.lines().count(), kinds.len(), "{}", all.stdout);
    for kind in kinds {
        let text = std::fs::read_to_string(site.path().join(format!("schemas/{kind}.schema.json"))).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema["additionalProperties"], false, "{kind}: unknown keys are flagged");
    }

    let neither = site.run(&["schema"]);
    assert_eq!(neither.code, 2);
    assert!(neither.stderr.contains("name a kind"), "{}", neither.stderr);
}
