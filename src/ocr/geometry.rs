//! Plane geometry for text boxes: convex hull and the exact minimum-area rotated rectangle (rotating calipers).
//!
//! Written here rather than taken from `rten-imageproc`, whose `min_area_rect` collapsed long thin contours (a
//! 775x13 MRZ line came back 1.3 px tall), and rather than `imageproc`, whose dependency tree is large for ~80 lines.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
    fn sub(self, o: Point) -> Point {
        Point::new(self.x - o.x, self.y - o.y)
    }
    fn cross(self, o: Point) -> f32 {
        self.x * o.y - self.y * o.x
    }
    pub fn dot(self, o: Point) -> f32 {
        self.x * o.x + self.y * o.y
    }
}

/// A rotated rectangle: centre, unit direction of its long ("reading") axis, and full side lengths.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RotatedRect {
    pub center: Point,
    /// Unit vector along `width`, pointing left-to-right (x >= 0).
    pub axis: Point,
    pub width: f32,
    pub height: f32,
}

impl RotatedRect {
    /// Corners in reading order: top-left, top-right, bottom-right, bottom-left.
    pub fn corners(&self) -> [Point; 4] {
        let (ux, uy) = (self.axis.x * self.width / 2.0, self.axis.y * self.width / 2.0);
        // Normal pointing "down" in image coordinates.
        let (vx, vy) = (-self.axis.y * self.height / 2.0, self.axis.x * self.height / 2.0);
        let c = self.center;
        [
            Point::new(c.x - ux - vx, c.y - uy - vy),
            Point::new(c.x + ux - vx, c.y + uy - vy),
            Point::new(c.x + ux + vx, c.y + uy + vy),
            Point::new(c.x - ux + vx, c.y - uy + vy),
        ]
    }

    /// The rectangle whose [`corners`](Self::corners) these are (top-left, top-right, bottom-right, bottom-left in
    /// reading order, as an `OcrLine` keeps them).
    pub fn from_corners(c: &[Point; 4]) -> Self {
        let (dx, dy) = (c[1].x - c[0].x, c[1].y - c[0].y);
        let width = dx.hypot(dy).max(1.0);
        let height = (c[3].x - c[0].x).hypot(c[3].y - c[0].y).max(1.0);
        let center = Point::new((c[0].x + c[1].x + c[2].x + c[3].x) / 4.0, (c[0].y + c[1].y + c[2].y + c[3].y) / 4.0);
        Self { center, axis: Point::new(dx / width, dy / width), width, height }
    }

    /// The same rectangle read in the opposite direction (upside down).
    pub fn reversed(&self) -> Self {
        Self { axis: Point::new(-self.axis.x, -self.axis.y), ..*self }
    }

    /// The same rectangle with its reading axis turned by 90 degrees (for boxes taller than wide on an upright
    /// page: single characters), so that `axis` is the given direction.
    pub fn with_axis(&self, axis: Point) -> Self {
        let d = self.axis.dot(axis);
        if d.abs() >= std::f32::consts::FRAC_1_SQRT_2 {
            let axis = if d >= 0.0 { self.axis } else { self.reversed().axis };
            Self { axis, ..*self }
        } else {
            let turned = Point::new(-self.axis.y, self.axis.x);
            let axis = if turned.dot(axis) >= 0.0 { turned } else { Point::new(-turned.x, -turned.y) };
            Self { axis, width: self.height, height: self.width, ..*self }
        }
    }

    /// Grow every side outward by `d`.
    pub fn expanded(&self, d: f32) -> Self {
        Self { width: self.width + 2.0 * d, height: self.height + 2.0 * d, ..*self }
    }

    /// Whether `p` lies inside (or on) the rectangle.
    pub fn contains(&self, p: Point) -> bool {
        let d = p.sub(self.center);
        let along = d.dot(self.axis).abs();
        let across = d.cross(self.axis).abs();
        along <= self.width / 2.0 + 1e-3 && across <= self.height / 2.0 + 1e-3
    }

    /// Angle of the reading axis in degrees, clockwise from the x axis (image coordinates).
    pub fn angle_deg(&self) -> f32 {
        self.axis.y.atan2(self.axis.x).to_degrees()
    }

    pub fn scaled(&self, sx: f32, sy: f32) -> Self {
        // Scale corners then re-fit: exact for sx == sy, close enough for the small aspect changes of resizing.
        let corners = self.corners().map(|p| Point::new(p.x * sx, p.y * sy));
        min_area_rect(&corners).unwrap_or(*self)
    }
}

/// Convex hull (Andrew's monotone chain), counter-clockwise in a y-up frame, without collinear points.
pub fn convex_hull(points: &[Point]) -> Vec<Point> {
    let mut pts: Vec<Point> = points.to_vec();
    pts.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)));
    pts.dedup();
    if pts.len() < 3 {
        return pts;
    }
    let mut hull: Vec<Point> = Vec::with_capacity(pts.len() * 2);
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Point>> =
            if pass == 0 { Box::new(pts.iter()) } else { Box::new(pts.iter().rev()) };
        for &p in iter {
            while hull.len() >= start + 2 {
                let a = hull[hull.len() - 2];
                let b = hull[hull.len() - 1];
                if b.sub(a).cross(p.sub(a)) <= 0.0 {
                    hull.pop();
                } else {
                    break;
                }
            }
            hull.push(p);
        }
        hull.pop();
    }
    hull
}

/// Minimum-area enclosing rectangle of a point set: for each hull edge, the rectangle aligned with it.
/// Returns `None` for fewer than two distinct points.
pub fn min_area_rect(points: &[Point]) -> Option<RotatedRect> {
    let hull = convex_hull(points);
    if hull.len() < 2 {
        return None;
    }
    let mut best: Option<(f32, RotatedRect)> = None;
    for i in 0..hull.len() {
        let a = hull[i];
        let b = hull[(i + 1) % hull.len()];
        let e = b.sub(a);
        let len = e.dot(e).sqrt();
        if len < 1e-6 {
            continue;
        }
        let u = Point::new(e.x / len, e.y / len);
        let (mut min_u, mut max_u, mut min_v, mut max_v) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for &p in &hull {
            let d = p.sub(a);
            let pu = d.dot(u);
            let pv = u.cross(d);
            min_u = min_u.min(pu);
            max_u = max_u.max(pu);
            min_v = min_v.min(pv);
            max_v = max_v.max(pv);
        }
        let (w, h) = (max_u - min_u, max_v - min_v);
        let area = w * h;
        if best.as_ref().is_none_or(|(a_best, _)| area < *a_best - 1e-6) {
            let cu = (min_u + max_u) / 2.0;
            let cv = (min_v + max_v) / 2.0;
            // Point at (cu, cv) in the (u, n) frame where n = (-u.y, u.x) satisfies u x d = cv.
            let center = Point::new(a.x + u.x * cu - u.y * cv, a.y + u.y * cu + u.x * cv);
            best = Some((area, oriented(center, u, w, h)));
        }
    }
    best.map(|(_, r)| r)
}

/// Normalise so that the axis runs along the longer side and points rightwards.
fn oriented(center: Point, u: Point, w: f32, h: f32) -> RotatedRect {
    let (mut axis, width, height) = if w >= h { (u, w, h) } else { (Point::new(-u.y, u.x), h, w) };
    if axis.x < 0.0 || (axis.x == 0.0 && axis.y < 0.0) {
        axis = Point::new(-axis.x, -axis.y);
    }
    RotatedRect { center, axis, width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect_points(cx: f32, cy: f32, w: f32, h: f32, deg: f32) -> Vec<Point> {
        let (s, c) = deg.to_radians().sin_cos();
        let mut pts = vec![];
        let steps = 50;
        for i in 0..=steps {
            for j in 0..=4 {
                let u = -w / 2.0 + w * i as f32 / steps as f32;
                let v = -h / 2.0 + h * j as f32 / 4.0;
                pts.push(Point::new(cx + u * c - v * s, cy + u * s + v * c));
            }
        }
        pts
    }

    #[test]
    fn a_long_thin_mrz_like_line_keeps_its_height() {
        let r = min_area_rect(&rect_points(400.0, 300.0, 775.0, 13.0, 3.0)).unwrap();
        assert!((r.width - 775.0).abs() < 0.5, "{r:?}");
        assert!((r.height - 13.0).abs() < 0.5, "{r:?}");
        assert!((r.angle_deg() - 3.0).abs() < 0.1, "{r:?}");
        assert!((r.center.x - 400.0).abs() < 0.5 && (r.center.y - 300.0).abs() < 0.5);
    }

    #[test]
    fn the_reading_axis_points_right_even_for_negative_tilts() {
        let r = min_area_rect(&rect_points(100.0, 100.0, 120.0, 20.0, -7.0)).unwrap();
        assert!(r.axis.x > 0.0);
        assert!((r.angle_deg() + 7.0).abs() < 0.1, "{r:?}");
    }

    #[test]
    fn corners_are_in_reading_order_and_contain_the_centre() {
        let r = RotatedRect { center: Point::new(10.0, 10.0), axis: Point::new(1.0, 0.0), width: 8.0, height: 2.0 };
        let [tl, tr, br, bl] = r.corners();
        assert_eq!((tl.x, tl.y), (6.0, 9.0));
        assert_eq!((tr.x, tr.y), (14.0, 9.0));
        assert_eq!((br.x, br.y), (14.0, 11.0));
        assert_eq!((bl.x, bl.y), (6.0, 11.0));
        assert!(r.contains(Point::new(13.9, 10.9)));
        assert!(!r.contains(Point::new(10.0, 11.5)));
    }

    #[test]
    fn degenerate_inputs_do_not_panic() {
        assert!(min_area_rect(&[]).is_none());
        assert!(min_area_rect(&[Point::new(1.0, 1.0)]).is_none());
        let line = min_area_rect(&[Point::new(0.0, 0.0), Point::new(10.0, 0.0)]).unwrap();
        assert!((line.width - 10.0).abs() < 1e-4 && line.height.abs() < 1e-4);
    }
}
