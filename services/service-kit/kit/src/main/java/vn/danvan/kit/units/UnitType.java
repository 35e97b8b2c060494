package vn.danvan.kit.units;

/**
 * Kinds of unit in the tree. Provinces and communes come from the national reference data;
 * districts, agencies and organisations are added by a deployment's configuration. The order
 * is the order in which a unit's children are listed.
 */
public enum UnitType {
    /** Tỉnh / thành phố trực thuộc trung ương. */
    PROVINCE,
    /** Huyện / quận / thị xã: abolished on 1 July 2025, kept for deployments that still report by district. */
    DISTRICT,
    /** Xã / phường / đặc khu. */
    COMMUNE,
    /** Cơ quan: an agency such as a Ban Dân vận; not a place. */
    AGENCY,
    /** Tổ chức chính trị - xã hội: Fatherland Front, unions, associations; not a place. */
    ORGANISATION
}
