"""The SVG charts are well-formed XML with one mark per value and labels that do not rely on colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from selaras.report.charts import OKABE_ITO, BarChart, Category, HeatMap, Sankey, render_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_bar_chart_draws_a_labelled_bar_per_value_and_a_legend() -> None:
    chart = BarChart(
        "Skor utama",
        ("Kalimantan Tengah", "Kota Palangkaraya"),
        ("Keselarasan", "Konsistensi"),
        ((99.5, 100.0), (None, 80.0)),
        (("99,5", "100,0"), ("–", "80,0")),
        maximum=100,
    )
    root = _parse(render_chart(chart))
    bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") != "12"]  # legend swatches are 12 high
    assert len(bars) == 3  # None draws nothing
    assert {"99,5", "100,0", "80,0", "Keselarasan", "Konsistensi", "Kalimantan Tengah"} <= set(_texts(root))
    assert {bar.get("fill") for bar in bars} == set(OKABE_ITO[:2])
    assert root.find(f"{SVG}title").text == "Skor utama"  # type: ignore[union-attr]


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    chart = BarChart("Pagu", ("Memperkuat pembangunan sumber daya manusia " * 4,), ("Pagu",), ((1.0,),), (("Rp 1",),))
    labels = _texts(_parse(render_chart(chart)))
    assert any(label.endswith("…") for label in labels)


def test_heat_map_has_a_cell_and_a_symbol_per_status() -> None:
    categories = (Category("selaras", "#0072B2", "✓"), Category("satuan berbeda", "#F0E442", "S"))
    chart = HeatMap(
        "IKU",
        ("Dinkes · Angka Kematian Ibu", "Disdik · APM"),
        ("Kab. A", "Kab. B", "Kota C"),
        ((0, 1, 0), (0, 0, 0)),
        categories,
    )
    root = _parse(render_chart(chart))
    cells = [rect for rect in root.iter(f"{SVG}rect") if rect.get("height") == "15"]
    assert len(cells) == 6
    assert [cell.get("fill") for cell in cells].count("#F0E442") == 1
    assert _texts(root).count("S") == 2  # the cell and the legend
    assert len(list(root.iter(f"{SVG}path"))) == 6  # five ticks and the legend's, drawn as paths
    assert {"Kab. A", "Kota C", "selaras", "satuan berbeda"} <= set(_texts(root))


def test_sankey_draws_a_band_per_flow_and_labels_every_node() -> None:
    flows = (("Dinkes", "AC4", 300.0), ("Disdik", "AC4", 100.0), ("Disdik", "AC3", 50.0))
    labels = {"Dinkes": "Rp 300", "Disdik": "Rp 150", "AC3": "Rp 50", "AC4": "Rp 400"}
    root = _parse(render_chart(Sankey("Aliran pagu", flows, labels)))
    assert len(list(root.iter(f"{SVG}path"))) == 3
    assert {"Dinkes Rp 300", "Disdik Rp 150", "AC3 Rp 50", "AC4 Rp 400"} <= set(_texts(root))
